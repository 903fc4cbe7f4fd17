using System.Text.Json;
using KenpoBot.Corpus;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace KenpoBot.Search.Index;

/// <param name="Format">The <see cref="KnowledgeIndex.Format"/> it was built with; 1 for indexes written before the field existed.</param>
public sealed record IndexStatus(string Generation, string CorpusHash, int EntryCount, DateTimeOffset BuiltAt, int Format = 1);

public sealed record IndexProgress(int Done, int Total);

/// <summary>
/// The on-disk Lucene index. Each build goes into a new generation folder; a pointer file is replaced atomically
/// only after the build committed, so a failed build leaves the previous index serving. Searches go through a
/// <see cref="SearcherManager"/> and are thread-safe while a rebuild swaps generations.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    private const string PointerFile = "CURRENT";
    private const string MetaFile = "kenpobot-index.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly string root;
    private readonly Analyzer analyzer;
    private readonly System.Threading.Lock swapLock = new();
    private Generation? current;

    public KnowledgeIndex(string rootDirectory, Analyzer analyzer)
    {
        root = Path.GetFullPath(rootDirectory);
        this.analyzer = analyzer;
        System.IO.Directory.CreateDirectory(root);
        current = TryOpen(ReadPointer());
    }

    /// <summary>The status of the index now serving, or null when there is none.</summary>
    public IndexStatus? Status => Volatile.Read(ref current)?.Status;

    /// <summary>
    /// The version of what goes into an index besides the corpus: entries, fields, analysis, similarity. Raise it with any such
    /// change, so that an index on disk built the old way is rebuilt at start. 2: BM25 ranking. 5: term vectors with offsets
    /// on the body, for snippets. 6: no compound file (a compound file's slices give each cloned input of a search its own
    /// read buffer; a plain file in the RAM directory is read in place).
    /// </summary>
    public const int Format = 6;

    /// <summary>Builds the index when it is missing, was built from another corpus (by content hash) or in an older <see cref="Format"/>.</summary>
    public IndexStatus EnsureCurrent(KnowledgeBase knowledge, IProgress<IndexProgress>? progress = null)
    {
        var status = Status;
        return status is not null && status.CorpusHash == knowledge.ContentHash && status.Format == Format ? status : Rebuild(knowledge, progress);
    }

    /// <summary>Builds a new generation from the knowledge base and swaps it in.</summary>
    public IndexStatus Rebuild(KnowledgeBase knowledge, IProgress<IndexProgress>? progress = null) =>
        Rebuild(CorpusEntries.From(knowledge).ToList(), knowledge.ContentHash, progress);

    public IndexStatus Rebuild(IReadOnlyList<SearchEntry> entries, string corpusHash, IProgress<IndexProgress>? progress = null)
    {
        var name = $"gen-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}"[..32];
        var path = Path.Combine(root, name);
        try
        {
            using (var directory = FSDirectory.Open(path))
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 64, Similarity = Ranking, UseCompoundFile = false }))
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    writer.AddDocument(ToDocument(entries[i]));
                    if (progress is not null && (i % 500 == 0 || i == entries.Count - 1)) progress.Report(new IndexProgress(i + 1, entries.Count));
                }
                writer.Commit();
            }
            var status = new IndexStatus(name, corpusHash, entries.Count, DateTimeOffset.UtcNow, Format);
            File.WriteAllText(Path.Combine(path, MetaFile), JsonSerializer.Serialize(status, Json));
            var opened = Open(name) ?? throw new IOException($"作成した索引 {name} を開けません。");
            WritePointer(name);
            Swap(opened);
            return status;
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary>Runs a search on the current generation, holding it for the duration of the call.</summary>
    public T Use<T>(Func<IndexSearcher, T> search) => Use((searcher, _, _, _) => search(searcher));

    /// <summary>
    /// As <see cref="Use{T}(Func{IndexSearcher, T})"/>, with the generation's entries by document number, its term vectors and its
    /// terms' statistics and decoded postings.
    /// </summary>
    public T Use<T>(Func<IndexSearcher, StoredEntries, TermVectorCache, TermPostings, T> search)
    {
        while (true)
        {
            var generation = Volatile.Read(ref current) ?? throw new InvalidOperationException("索引がまだ作成されていません。`index` を実行してください。");
            IndexSearcher searcher;
            try
            {
                searcher = generation.Manager.Acquire();
            }
            catch (ObjectDisposedException)
            {
                continue; // swapped out between the read and the acquire: take the new one
            }
            try
            {
                return search(searcher, generation.Entries, generation.Vectors, generation.Postings);
            }
            finally
            {
                generation.Manager.Release(searcher);
            }
        }
    }

    private void Swap(Generation next)
    {
        Generation? old;
        lock (swapLock)
        {
            old = Interlocked.Exchange(ref current, next);
        }
        if (old is null) return;
        // Searchers already acquired keep their reader until released; the manager's own reference goes now.
        old.Dispose();
        // Only generations older than the one replaced (names sort by build time): a newer folder may be another process's
        // build in progress, and the replaced one may still be read by another knowledge generation or process.
        foreach (var stale in System.IO.Directory.EnumerateDirectories(root, "gen-*").Where(d => string.CompareOrdinal(Path.GetFileName(d), old.Status.Generation) < 0))
        {
            TryDelete(stale);
        }
    }

    /// <summary>The body: stored, with term vectors (positions and offsets) that the snippet highlighter reads instead of analysing it again.</summary>
    private static readonly FieldType TextWithVectors = CreateTextWithVectors();

    private static FieldType CreateTextWithVectors()
    {
        var type = new FieldType(TextField.TYPE_STORED) { StoreTermVectors = true, StoreTermVectorPositions = true, StoreTermVectorOffsets = true };
        type.Freeze();
        return type;
    }

    private static Document ToDocument(SearchEntry entry)
    {
        var document = new Document
        {
            new StringField(Fields.Kind, entry.Kind.ToString(), Field.Store.YES),
            new StringField(Fields.Id, entry.Id, Field.Store.YES),
            new StringField(Fields.Document, entry.DocumentId, Field.Store.YES),
            new StoredField(Fields.DocumentTitle, entry.DocumentTitle),
            new StringField(Fields.Scope, entry.Scope, Field.Store.YES),
            new StoredField(Fields.FiscalYears, entry.FiscalYears.ToString()),
            new StringField(Fields.Plan, entry.Plan, Field.Store.YES),
            new StoredField(Fields.HeadingPath, entry.HeadingPath),
            new TextField(Fields.Title, entry.Title, Field.Store.YES),
            new Field(Fields.Text, entry.Text, TextWithVectors),
            new TextField(Fields.TitleBigram, entry.Title, Field.Store.NO),
            new TextField(Fields.TextBigram, entry.Text, Field.Store.NO),
        };
        if (entry.FiscalYears.From > 0)
        {
            for (var year = entry.FiscalYears.From; year <= entry.FiscalYears.To; year++)
            {
                document.Add(new StringField(Fields.FiscalYear, year.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO));
            }
        }
        return document;
    }

    public static SearchEntry FromDocument(Document document)
    {
        FiscalYearRange.TryParse(document.Get(Fields.FiscalYears) ?? "", out var years);
        return new SearchEntry(
            Enum.Parse<EntryKind>(document.Get(Fields.Kind)),
            document.Get(Fields.Id),
            document.Get(Fields.Document),
            document.Get(Fields.DocumentTitle),
            document.Get(Fields.Title),
            document.Get(Fields.HeadingPath),
            document.Get(Fields.Scope),
            years,
            document.Get(Fields.Plan),
            document.Get(Fields.Text));
    }

    private string? ReadPointer()
    {
        var pointer = Path.Combine(root, PointerFile);
        return File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
    }

    private void WritePointer(string generation)
    {
        var temp = Path.Combine(root, PointerFile + ".tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(temp, generation);
        File.Move(temp, Path.Combine(root, PointerFile), overwrite: true);
    }

    private Generation? TryOpen(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        try
        {
            return Open(name);
        }
        catch (Exception ex) when (ex is IOException or CorruptIndexException or IndexNotFoundException or JsonException or UnauthorizedAccessException)
        {
            return null; // unreadable: treated as missing, so the next EnsureCurrent rebuilds it
        }
    }

    private Generation? Open(string name)
    {
        var path = Path.Combine(root, name);
        var meta = Path.Combine(path, MetaFile);
        if (!File.Exists(meta)) return null;
        var status = JsonSerializer.Deserialize<IndexStatus>(File.ReadAllText(meta)) ?? throw new JsonException("索引のメタデータが空です。");
        // A generation never changes and the corpus is small: read it into memory once, where cloning an input (every term
        // lookup, postings list and term vector does) is a field copy rather than a memory-mapped buffer set.
        LuceneDirectory directory;
        using (var files = FSDirectory.Open(path)) directory = new RAMDirectory(files, IOContext.DEFAULT);
        try
        {
            var manager = new SearcherManager(directory, RankingSearcherFactory.Instance);
            return new Generation(status, directory, manager, new StoredEntries());
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Still open by a searcher on another thread; removed by a later swap.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref current, null)?.Dispose();
    }

    /// <summary>Okapi BM25 (k1 1.2, b 0.75; <see cref="Bm25Ranking"/>) at index and search time, in place of Lucene 4.8's TF-IDF default.</summary>
    public static Similarity Ranking { get; } = new Bm25Ranking();

    private sealed class RankingSearcherFactory : SearcherFactory
    {
        public static RankingSearcherFactory Instance { get; } = new();

        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Ranking };
    }

    private sealed class Generation(IndexStatus status, LuceneDirectory directory, SearcherManager manager, StoredEntries entries) : IDisposable
    {
        public IndexStatus Status { get; } = status;

        public StoredEntries Entries { get; } = entries;

        public TermVectorCache Vectors { get; } = new();

        public TermPostings Postings { get; } = new();

        public SearcherManager Manager { get; } = manager;

        public LuceneDirectory Directory { get; } = directory;

        /// <summary>Closes the manager only: a searcher still acquired on another thread keeps reading its open files.</summary>
        public void Dispose() => Manager.Dispose();
    }
}
