using System.Diagnostics;
using System.Text.Json;
using KenpoBot.Tests.Shared;

namespace KenpoBot.EndToEnd.Tests;

/// <summary>A bot of its own whose model (the scripted server) calls the glossary and then streams its reply at a human pace.</summary>
public sealed class StreamingPlaygroundFixture : PlaygroundFixture
{
    /// <summary>The first sentence of 返納金債権 in corpus/glossary/glossary.tsv, as the model quotes it.</summary>
    public const string Definition =
        "返納金債権とは、退職等により協会けんぽの資格が無くなった後、協会けんぽの保険証を使用して医療機関を受診してしまった場合に、" +
        "被保険者へ医療費のうち協会けんぽが給付していた分を請求することです。";

    public ScriptedOpenAiServer Model { get; private set; } = null!;

    protected override string Prefix => "s-";

    protected override async Task<Dictionary<string, string>> BotEnvironmentAsync()
    {
        Model = await ScriptedOpenAiServer.StartAsync();
        Model.ToolCall("Glossary-lookup_term", new { term = "返納金債権" })
            .Message(Definition, piece: 6, pause: TimeSpan.FromMilliseconds(400));
        return new()
        {
            ["Llm__Endpoint"] = Model.BaseUrl,
            ["Llm__Model"] = "scripted-model",
            ["KENPOBOT_LLM_API_KEY"] = "e2e-key",
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Model is not null) await Model.DisposeAsync();
    }
}

/// <summary>
/// Issue 11 in the Playground: the bot streams the model's answer in normal delivery mode. Records what the page showed
/// for the bot's latest message every 100 ms (s1-informative.png, s2-streaming.png, s3-final.png; s-rendered.txt lists
/// each change, s-frames.json the page's WebSocket frames). Agents Playground 0.2.28 renders it all: the informative line,
/// the text growing in the same message with a cursor, then the final text in that message and the card below it.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class StreamingPlaygroundTests(StreamingPlaygroundFixture playground) : IClassFixture<StreamingPlaygroundFixture>
{
    [Fact]
    public async Task ModelAnswer_StreamsIntoThePlayground_InformativeThenGrowingTextThenTheFinalMessage()
    {
        var page = playground.Page;
        var cards = page.Locator(".fai-OutputCard");
        var before = await cards.CountAsync();
        var box = page.Locator("div[role=\"textbox\"][contenteditable=\"true\"]");
        await box.FillAsync("返納金債権とは？");
        await box.PressAsync("Enter");

        // What the page shows as the bot's latest message, each time it changes.
        var seen = new List<(double Ms, int Cards, string Text)>();
        var shots = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        var finalAt = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var count = await cards.CountAsync();
            var text = count > before ? (await cards.Nth(count - 1).InnerTextAsync()).Trim() : "";
            if (text.Length > 0 && (seen.Count == 0 || seen[^1].Text != text || seen[^1].Cards != count))
            {
                seen.Add((clock.Elapsed.TotalMilliseconds, count, text));
                var shot = text.Contains("資料を検索しています", StringComparison.Ordinal) ? "s1-informative.png"
                    : !Final() ? "s2-streaming.png" : null;
                if (shot is not null && shots.Add(shot))
                    await page.ScreenshotAsync(new() { Path = Path.Combine(PlaygroundFixture.Artifacts, shot), FullPage = true });
            }
            if (Final() && finalAt == TimeSpan.Zero) finalAt = clock.Elapsed;
            if (finalAt != TimeSpan.Zero && clock.Elapsed - finalAt > TimeSpan.FromSeconds(1.5)) break;
            await Task.Delay(100);
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(PlaygroundFixture.Artifacts, "s3-final.png"), FullPage = true });
        var log = string.Join("\n", seen.Select(s => $"{s.Ms,7:0} ms  cards={s.Cards}  {s.Text.ReplaceLineEndings(" ⏎ ")}"));
        await File.WriteAllTextAsync(Path.Combine(PlaygroundFixture.Artifacts, "s-rendered.txt"), log);
        await File.WriteAllTextAsync(Path.Combine(PlaygroundFixture.Artifacts, "s-frames.json"),
            JsonSerializer.Serialize(playground.Frames.ToArray(), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.True(finalAt != TimeSpan.Zero, "no final message reached the Playground:\n" + log);

        // What the bot sent the Playground: informative (1), streaming updates under the Playground's id, then final.
        var sent = playground.SentActivities().Where(a => StreamInfo(a) is not null).ToList();
        var informative = StreamInfo(sent[0])!.Value;
        Assert.Equal("typing", sent[0].GetProperty("type").GetString());
        Assert.Equal("informative", informative.GetProperty("streamType").GetString());
        Assert.Equal(1, informative.GetProperty("streamSequence").GetInt32());
        var streaming = sent.Where(a => StreamInfo(a)!.Value.GetProperty("streamType").GetString() == "streaming").ToList();
        Assert.True(streaming.Count >= 2, "expected at least two streaming updates:\n" + log);
        var streamId = StreamInfo(streaming[0])!.Value.GetProperty("streamId").GetString();
        Assert.False(string.IsNullOrEmpty(streamId));
        var previous = "";
        var sequence = 1;
        foreach (var update in streaming)
        {
            var info = StreamInfo(update)!.Value;
            Assert.Equal(streamId, info.GetProperty("streamId").GetString());
            Assert.True(info.GetProperty("streamSequence").GetInt32() > sequence);
            sequence = info.GetProperty("streamSequence").GetInt32();
            var text = update.GetProperty("text").GetString()!;
            Assert.StartsWith(previous, text, StringComparison.Ordinal);
            Assert.StartsWith(text, StreamingPlaygroundFixture.Definition, StringComparison.Ordinal);
            previous = text;
        }
        var final = sent.Single(a => StreamInfo(a)!.Value.GetProperty("streamType").GetString() == "final");
        Assert.Equal("message", final.GetProperty("type").GetString());
        Assert.Equal(streamId, StreamInfo(final)!.Value.GetProperty("streamId").GetString());
        Assert.Contains(StreamingPlaygroundFixture.Definition, final.GetProperty("text").GetString());
        Assert.Contains("AIGeneratedContent", final.GetProperty("entities").GetRawText());

        // What the page rendered: the informative line, then the text growing, then the whole answer.
        Assert.Contains(seen, s => s.Text.Contains("資料を検索しています", StringComparison.Ordinal));
        var partial = seen.Where(s => s.Text.StartsWith("返納金債権とは", StringComparison.Ordinal) && !s.Text.Contains(StreamingPlaygroundFixture.Definition, StringComparison.Ordinal)).ToList();
        Assert.True(partial.Count >= 1, "the page never showed part of the answer:\n" + log);
        // The final message replaced the streamed text in place (the Playground's updateMessage on the stream's id); the
        // answer card, the final message's attachment, came as a message of its own below it.
        var shown = new List<string>();
        for (var i = before; i < await cards.CountAsync(); i++) shown.Add((await cards.Nth(i).InnerTextAsync()).Trim());
        Assert.Equal(2, shown.Count); // the streamed-then-final text, the card (the user's own message is no OutputCard)
        Assert.Contains(StreamingPlaygroundFixture.Definition, shown[0]);
        Assert.Contains("定義している文書", shown[1]);
        Assert.Contains(playground.Frames, f => f.TryGetProperty("action", out var a) && a.GetString() == "updateMessage"
            && f.GetProperty("message").TryGetProperty("streamEntity", out var e) && e.GetProperty("streamType").GetString() == "final"
            && f.GetProperty("message").GetProperty("text").GetString()!.Contains(StreamingPlaygroundFixture.Definition, StringComparison.Ordinal));

        bool Final() => playground.SentActivities().Any(a => StreamInfo(a) is { } i && i.GetProperty("streamType").GetString() == "final");
    }

    private static JsonElement? StreamInfo(JsonElement activity) =>
        activity.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array
            ? entities.EnumerateArray().Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "streaminfo").Select(e => (JsonElement?)e).FirstOrDefault()
            : null;
}
