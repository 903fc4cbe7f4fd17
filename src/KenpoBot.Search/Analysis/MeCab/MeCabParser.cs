using System.Collections.Concurrent;
using System.Text;

namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>
/// Morphological analysis with MeCab and IPADIC. The model (dictionary) is loaded once per parser and shared;
/// every thread gets its own tagger and lattice, so <see cref="Parse"/> is safe to call concurrently.
/// </summary>
public sealed class MeCabParser
{
    /// <summary>Debian's mecab-ipadic-utf8 dictionary. Used directly when present, so an alternative such as jumandic cannot be picked up.</summary>
    public const string IpadicUtf8Directory = "/var/lib/mecab/dic/ipadic-utf8";

    /// <summary>
    /// The longest text handed to MeCab at once: 2,048 chars are at most 8 KiB of UTF-8, the mecab command's default input buffer.
    /// Longer lines are cut at sentence ends, so shorter ones parse exactly as the mecab command parses them.
    /// </summary>
    public const int MaxSegmentLength = 2048;

    private static readonly Lazy<MeCabParser> SharedParser = new(() => Load(null));

    /// <summary>Bounds the feature cache; IPADIC has about 390,000 entries, and text seldom uses more than a few ten thousand.</summary>
    private const int MaxCachedFeatures = 200_000;

    private readonly MeCabModelHandle model;
    private readonly ThreadLocal<Session> sessions;
    private readonly ConcurrentDictionary<nint, MorphemeFeatures> features = new();
    private int cachedFeatures;

    private MeCabParser(MeCabModelHandle model)
    {
        this.model = model;
        sessions = new ThreadLocal<Session>(() => new Session(this));
    }

    /// <summary>The process-wide parser over the system IPADIC dictionary, loaded on first use.</summary>
    /// <exception cref="MeCabUnavailableException">libmecab or the dictionary is missing.</exception>
    public static MeCabParser Shared => SharedParser.Value;

    /// <summary>
    /// Loads a model. <paramref name="dictionaryDirectory"/> null means <see cref="IpadicUtf8Directory"/> when it
    /// exists, else the dictionary named by /etc/mecabrc. Prefer <see cref="Shared"/>: a model is about 50 MB.
    /// </summary>
    /// <exception cref="MeCabUnavailableException">libmecab or the dictionary is missing or is not IPADIC in UTF-8.</exception>
    public static unsafe MeCabParser Load(string? dictionaryDirectory)
    {
        dictionaryDirectory ??= Directory.Exists(IpadicUtf8Directory) ? IpadicUtf8Directory : null;
        if (dictionaryDirectory is not null && dictionaryDirectory.Any(char.IsWhiteSpace))
        {
            // mecab_model_new2 splits its argument on white space.
            throw new MeCabUnavailableException($"辞書のパスに空白を含められません（{dictionaryDirectory}）。");
        }

        // An empty rc file keeps user settings in /etc/mecabrc or ~/.mecabrc (output format, user dictionaries) out.
        var arguments = dictionaryDirectory is null ? string.Empty : $"-r /dev/null -d {dictionaryDirectory}";
        MeCabModelHandle? model;
        try
        {
            model = MeCabModelHandle.Create(arguments);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new MeCabUnavailableException($"ライブラリ {MeCabNative.Library} が見つかりません。", ex);
        }

        if (model is null)
        {
            throw new MeCabUnavailableException(
                $"辞書を開けません（{dictionaryDirectory ?? "/etc/mecabrc の dicdir"}）: {MeCabNative.LastError()}。");
        }

        var info = MeCabNative.ModelDictionaryInfo(model.DangerousGetHandle());
        var charset = info == null ? null : MeCabNative.ToText(info->Charset);
        if (!string.Equals(charset?.Replace("-", string.Empty, StringComparison.Ordinal), "utf8", StringComparison.OrdinalIgnoreCase))
        {
            model.Dispose();
            throw new MeCabUnavailableException($"辞書の文字コードが UTF-8 ではありません（{charset}）。");
        }

        var parser = new MeCabParser(model);
        parser.CheckIpadic();
        return parser;
    }

    /// <summary>Parses <paramref name="text"/> into morphemes of the best path, in order, with offsets into it.</summary>
    public IReadOnlyList<Morpheme> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<MorphemeSpan>();
        Parse(text, spans);
        return spans.ConvertAll(span => span.ToMorpheme(text));
    }

    /// <summary>Appends the morphemes of <paramref name="text"/> to <paramref name="output"/>.</summary>
    internal void Parse(string text, List<MorphemeSpan> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var session = sessions.Value!;
        foreach (var (start, length) in Segment(text))
        {
            session.Parse(text, start, length, output);
        }
    }

    /// <summary>
    /// Cuts text into the pieces handed to MeCab. Control characters (line breaks, tabs, NUL…) end a piece and are
    /// never sent: they cannot be part of a word, and NUL would end MeCab's C strings. Pieces longer than
    /// <see cref="MaxSegmentLength"/> are cut after the last sentence end (。！？!?), else after the last space or
    /// comma, else at the limit without splitting a surrogate pair.
    /// </summary>
    internal static IEnumerable<(int Start, int Length)> Segment(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            while (start < text.Length && char.IsControl(text[start]))
            {
                start++;
            }

            var end = start;
            while (end < text.Length && !char.IsControl(text[end]))
            {
                end++;
            }

            while (end - start > MaxSegmentLength)
            {
                var cut = FindCut(text, start, start + MaxSegmentLength);
                yield return (start, cut - start);
                start = cut;
            }

            if (end > start)
            {
                yield return (start, end - start);
            }

            start = end;
        }
    }

    private static int FindCut(string text, int start, int limit)
    {
        for (var i = limit; i > start + 1; i--)
        {
            if (text[i - 1] is '。' or '！' or '？' or '!' or '?')
            {
                return i;
            }
        }

        for (var i = limit; i > start + 1; i--)
        {
            if (char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '、' or '，' or ',')
            {
                return i;
            }
        }

        return char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
    }

    /// <summary>Fails early when the dictionary is not IPADIC-shaped, as jumandic would be: our features rely on it.</summary>
    private void CheckIpadic()
    {
        var probe = Parse("する");
        if (probe.Count != 1 || probe[0].PartOfSpeech != "動詞-自立" || probe[0].BaseForm != "する")
        {
            throw new MeCabUnavailableException("辞書が IPADIC 形式ではありません（「する」を 動詞-自立 と解析できません）。");
        }
    }

    /// <summary>
    /// The features of a node, parsed once per dictionary entry. A node's feature pointer points into the model's read-only
    /// dictionary (unk.dic for unknown words), so it identifies the entry for as long as the model lives.
    /// </summary>
    private unsafe MorphemeFeatures FeaturesOf(byte* feature)
    {
        if (features.TryGetValue((nint)feature, out var known))
        {
            return known;
        }

        var parsed = MorphemeFeatures.FromCsv(MeCabNative.ToText(feature) ?? string.Empty);
        // A counter rather than features.Count, which takes every lock of the dictionary.
        if (Volatile.Read(ref cachedFeatures) < MaxCachedFeatures && features.TryAdd((nint)feature, parsed))
        {
            Interlocked.Increment(ref cachedFeatures);
        }

        return parsed;
    }

    /// <summary>A thread's tagger and lattice with its reusable UTF-8 buffer.</summary>
    private sealed class Session(MeCabParser parser)
    {
        private readonly MeCabTaggerHandle tagger = MeCabTaggerHandle.Create(parser.model);
        private readonly MeCabLatticeHandle lattice = MeCabLatticeHandle.Create(parser.model);
        private byte[] utf8 = new byte[1024];

        public unsafe void Parse(string text, int start, int length, List<MorphemeSpan> output)
        {
            if (utf8.Length < length * 3)
            {
                utf8 = new byte[length * 3];
            }

            // Lone surrogates become U+FFFD (3 bytes for 1 char), as the offset walk below expects.
            var byteCount = Encoding.UTF8.GetBytes(text.AsSpan(start, length), utf8);
            var latticePtr = lattice.DangerousGetHandle();
            fixed (byte* sentence = utf8)
            {
                MeCabNative.LatticeSetSentence(latticePtr, sentence, (nuint)byteCount);
                if (MeCabNative.ParseLattice(tagger.DangerousGetHandle(), latticePtr) == 0)
                {
                    throw new InvalidOperationException("MeCab の解析に失敗しました: " + MeCabNative.ToText(MeCabNative.LatticeStrError(latticePtr)));
                }

                var basePtr = MeCabNative.LatticeGetSentence(latticePtr);
                var bos = MeCabNative.LatticeGetBosNode(latticePtr);

                // Nodes of the best path come in order without overlap, so one cursor walks bytes and chars together.
                var bytePos = 0;
                var charPos = start;
                for (var node = bos == null ? null : bos->Next; node != null && node->Stat != MeCabNative.EosNode; node = node->Next)
                {
                    if (node->Length == 0)
                    {
                        continue;
                    }

                    var firstByte = (int)(node->Surface - basePtr);
                    Advance(sentence, ref bytePos, ref charPos, firstByte);
                    var charStart = charPos;
                    Advance(sentence, ref bytePos, ref charPos, firstByte + node->Length);
                    output.Add(new MorphemeSpan(charStart, charPos, parser.FeaturesOf(node->Feature), node->Stat == MeCabNative.UnknownNode));
                }

                MeCabNative.LatticeClear(latticePtr);
            }

            GC.KeepAlive(tagger);
            GC.KeepAlive(lattice);
        }

        /// <summary>Moves the cursor to UTF-8 byte <paramref name="target"/>: a 4-byte sequence is a surrogate pair, any other one char.</summary>
        private static unsafe void Advance(byte* utf8, ref int bytePos, ref int charPos, int target)
        {
            while (bytePos < target)
            {
                var lead = utf8[bytePos];
                if (lead < 0x80)
                {
                    bytePos++;
                    charPos++;
                }
                else if (lead < 0xE0)
                {
                    bytePos += 2;
                    charPos++;
                }
                else if (lead < 0xF0)
                {
                    bytePos += 3;
                    charPos++;
                }
                else
                {
                    bytePos += 4;
                    charPos += 2;
                }
            }
        }
    }
}
