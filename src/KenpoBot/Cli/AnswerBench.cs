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
        // Warm-up, untimed, at least two seconds: the JIT's optimised tier, MeCab dictionary, index readers (a running server's state).
        var warm = Stopwatch.StartNew();
        do await AskAsync(assistant, conversations, questions, [], ct, []);
        while (warm.Elapsed < TimeSpan.FromSeconds(2));
        var latencies = new List<double>(count);
        var byQuestion = new Dictionary<string, double>();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await AskAsync(assistant, conversations, count, latencies, ct, byQuestion);
        wall.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        latencies.Sort();
        Console.WriteLine($"answers: {count:#,0} ({questions} shared questions and dialogue turns in turn), CPU {cpuMs / count:0.000} ms per answer " +
            $"(process, GC included), wall {wall.Elapsed.TotalMilliseconds / count:0.000} ms per answer, p50 {AskCommands.Percentile(latencies, 0.5):0.000} ms, p99 {AskCommands.Percentile(latencies, 0.99):0.000} ms");
        // Where the time goes: the questions that took longest in total over the timed pass.
        foreach (var (question, ms) in byQuestion.OrderByDescending(p => p.Value).Take(5))
            Console.WriteLine($"  {ms / wall.Elapsed.TotalMilliseconds:P0} of the time: {question}");
    }

    private static async Task AskAsync(IAssistant assistant, IReadOnlyList<IReadOnlyList<EvalItem>> conversations, int count, List<double> latencies,
        CancellationToken ct, Dictionary<string, double> byQuestion)
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
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    latencies.Add(ms);
                    byQuestion[item.Question] = byQuestion.GetValueOrDefault(item.Question) + ms;
                }
            }
        }
    }
}
