using System.Reflection;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace KenpoBot.Search.Analysis;

/// <summary>
/// The default stop lists of <see cref="JapaneseAnalyzer"/>, kept as data in Resources/stoptags.txt and
/// Resources/stopwords.txt and loaded once on first use.
/// </summary>
public static class JapaneseStopSets
{
    private static readonly Lazy<IReadOnlySet<string>> Tags = new(() => Load("stoptags.txt").ToHashSet(StringComparer.Ordinal));

    private static readonly Lazy<CharArraySet> Words = new(() =>
        new CharArraySet(JapaneseAnalyzer.MatchVersion, Load("stopwords.txt").ToList(), ignoreCase: true).AsReadOnly());

    /// <summary>Part-of-speech tags removed by <see cref="JapanesePartOfSpeechStopFilter"/> (助詞, 助動詞, 記号…).</summary>
    public static IReadOnlySet<string> StopTags => Tags.Value;

    /// <summary>Words removed by the analyzer's <c>StopFilter</c> (する, こと, これ…).</summary>
    public static CharArraySet StopWords => Words.Value;

    private static IEnumerable<string> Load(string name)
    {
        var resource = "KenpoBot.Search.Analysis." + name;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from KenpoBot.Search.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
