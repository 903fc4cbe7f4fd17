using System.Diagnostics;
using KenpoBot.Assistant;

namespace KenpoBot.Cli;

/// <summary>
/// CPU per answer, in process: the shared questions and dialogues (dev, dev2, dialogues) asked in turn until N answers, one
/// conversation per question or dialogue. Process CPU time (all threads, GC included) over the timed pass, divided by N.
/// </summary>
public static class AnswerBench
{
    public static async Task RunAsync(IAssistant assistant, int count, CancellationToken ct)
    {
        var conversations = AskCommands.DefaultEvalFiles.Select(EvalSet.Read).SelectMany(s => s.Conversations).ToList();
        var questions = conversations.Sum(c => c.Count);
        await AskAsync(assistant, conversations, questions, [], ct); // warm-up: JIT, MeCab dictionary, index readers, caches
        var latencies = new List<double>(count);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await AskAsync(assistant, conversations, count, latencies, ct);
        wall.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        latencies.Sort();
        Console.WriteLine($"answers: {count:#,0} ({questions} shared questions and dialogue turns in turn), CPU {cpuMs / count:0.000} ms per answer " +
            $"(process, GC included), wall {wall.Elapsed.TotalMilliseconds / count:0.000} ms per answer, p50 {AskCommands.Percentile(latencies, 0.5):0.000} ms, p99 {AskCommands.Percentile(latencies, 0.99):0.000} ms");
    }

    private static async Task AskAsync(IAssistant assistant, IReadOnlyList<IReadOnlyList<EvalItem>> conversations, int count, List<double> latencies, CancellationToken ct)
    {
        var asked = 0;
        for (var round = 0; asked < count; round++)
        {
            foreach (var conversation in conversations)
            {
                var id = $"bench-{round}-{conversation[0].Id}";
                foreach (var item in conversation)
                {
                    if (asked++ >= count) return;
                    var started = Stopwatch.GetTimestamp();
                    await assistant.AskAsync(id, item.Question, ct);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
    }
}
