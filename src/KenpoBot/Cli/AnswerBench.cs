using System.Diagnostics;
using KenpoBot.Assistant;

namespace KenpoBot.Cli;

/// <summary>
/// CPU per answer, in process: the shared questions and dialogues (dev, dev2, dialogues) asked in turn until N answers, one
/// conversation per question or dialogue. Process CPU time (all threads, GC included) over the timed pass, divided by N.
/// </summary>
public static class AnswerBench
{
    public static async Task RunAsync(IAssistant assistant, int count, int rounds, CancellationToken ct)
    {
        var conversations = AskCommands.DefaultEvalFiles.Select(EvalSet.Read).SelectMany(s => s.Conversations).ToList();
        var questions = conversations.Sum(c => c.Count);
        // Warm-up, untimed, until tiered compilation is quiet for three seconds (a running server's state).
        var warm = await SteadyState.WarmUpAsync(() => AskAsync(assistant, conversations, questions, [], ct, []), TimeSpan.FromSeconds(3), TimeSpan.Zero);
        Console.WriteLine($"warm-up: {warm.TotalSeconds:0.0} s, {System.Runtime.JitInfo.GetCompiledMethodCount():#,0} methods compiled");
        // Several timed rounds: one round of 1,000 answers lasts under a second, so one busy moment on the machine moves it; the
        // median round is the figure.
        var cpuPerAnswer = new List<double>(rounds);
        var byQuestion = new Dictionary<string, double>();
        var totalWall = TimeSpan.Zero;
        for (var round = 1; round <= rounds; round++)
        {
            var latencies = new List<double>(count);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var paused = GC.GetTotalPauseDuration();
            var collections = GC.CollectionCount(0);
            var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var wall = Stopwatch.StartNew();
            await AskAsync(assistant, conversations, count, latencies, ct, byQuestion);
            wall.Stop();
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            totalWall += wall.Elapsed;
            cpuPerAnswer.Add(cpuMs / count);
            latencies.Sort();
            Console.WriteLine($"round {round}: CPU {cpuMs / count:0.000} ms per answer (process, GC included), wall {wall.Elapsed.TotalMilliseconds / count:0.000} ms, " +
                $"p50 {AskCommands.Percentile(latencies, 0.5):0.000} ms, p99 {AskCommands.Percentile(latencies, 0.99):0.000} ms; " +
                $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / count:#,0} KB allocated per answer, {GC.CollectionCount(0) - collections} collections, " +
                $"GC pauses {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / count:0.000} ms per answer, {System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore} methods compiled");
        }
        cpuPerAnswer.Sort();
        Console.WriteLine($"answers: {count:#,0} per round ({questions} shared questions and dialogue turns in turn), {rounds} rounds, " +
            $"CPU {AskCommands.Percentile(cpuPerAnswer, 0.5):0.000} ms per answer (median round; fastest {cpuPerAnswer[0]:0.000}, slowest {cpuPerAnswer[^1]:0.000})");
        // Where the time goes: the questions that took longest in total over the timed rounds.
        foreach (var (question, ms) in byQuestion.OrderByDescending(p => p.Value).Take(5))
            Console.WriteLine($"  {ms / totalWall.TotalMilliseconds:P0} of the time: {question}");
    }

    private static int passes;

    private static async Task AskAsync(IAssistant assistant, IReadOnlyList<IReadOnlyList<EvalItem>> conversations, int count, List<double> latencies,
        CancellationToken ct, Dictionary<string, double> byQuestion)
    {
        var asked = 0;
        var pass = Interlocked.Increment(ref passes); // every pass starts its conversations afresh
        for (var round = 0; asked < count; round++)
        {
            foreach (var conversation in conversations)
            {
                var id = $"bench-{pass}-{round}-{conversation[0].Id}";
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
