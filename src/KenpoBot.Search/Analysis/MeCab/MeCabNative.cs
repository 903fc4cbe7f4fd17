using System.Runtime.InteropServices;

namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>P/Invoke declarations for the MeCab C API (mecab.h, libmecab 0.996).</summary>
internal static unsafe partial class MeCabNative
{
    public const string Library = "libmecab.so.2";

    /// <summary><c>mecab_node_t.stat</c> values.</summary>
    public const byte NormalNode = 0;
    public const byte UnknownNode = 1;
    public const byte BosNode = 2;
    public const byte EosNode = 3;

    [LibraryImport(Library, EntryPoint = "mecab_model_new2", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ModelNew(string arg);

    [LibraryImport(Library, EntryPoint = "mecab_model_destroy")]
    public static partial void ModelDestroy(nint model);

    [LibraryImport(Library, EntryPoint = "mecab_model_new_tagger")]
    public static partial nint ModelNewTagger(nint model);

    [LibraryImport(Library, EntryPoint = "mecab_model_new_lattice")]
    public static partial nint ModelNewLattice(nint model);

    [LibraryImport(Library, EntryPoint = "mecab_model_dictionary_info")]
    public static partial MeCabDictionaryInfo* ModelDictionaryInfo(nint model);

    [LibraryImport(Library, EntryPoint = "mecab_destroy")]
    public static partial void TaggerDestroy(nint tagger);

    /// <summary>With a null tagger, returns the error of the last failed constructor.</summary>
    [LibraryImport(Library, EntryPoint = "mecab_strerror")]
    public static partial byte* StrError(nint tagger);

    [LibraryImport(Library, EntryPoint = "mecab_parse_lattice")]
    public static partial int ParseLattice(nint tagger, nint lattice);

    [LibraryImport(Library, EntryPoint = "mecab_lattice_destroy")]
    public static partial void LatticeDestroy(nint lattice);

    [LibraryImport(Library, EntryPoint = "mecab_lattice_clear")]
    public static partial void LatticeClear(nint lattice);

    /// <summary>MeCab keeps the pointer, not a copy: the buffer must stay fixed until the nodes are read.</summary>
    [LibraryImport(Library, EntryPoint = "mecab_lattice_set_sentence2")]
    public static partial void LatticeSetSentence(nint lattice, byte* sentence, nuint length);

    [LibraryImport(Library, EntryPoint = "mecab_lattice_get_sentence")]
    public static partial byte* LatticeGetSentence(nint lattice);

    [LibraryImport(Library, EntryPoint = "mecab_lattice_get_bos_node")]
    public static partial MeCabNode* LatticeGetBosNode(nint lattice);

    [LibraryImport(Library, EntryPoint = "mecab_lattice_strerror")]
    public static partial byte* LatticeStrError(nint lattice);

    public static string? ToText(byte* utf8) => utf8 == null ? null : Marshal.PtrToStringUTF8((nint)utf8);

    /// <summary>The error of the last model or tagger that could not be created.</summary>
    public static string? LastError() => ToText(StrError(nint.Zero));
}
