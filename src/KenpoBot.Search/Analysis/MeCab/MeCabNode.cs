using System.Runtime.InteropServices;

namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>
/// <c>struct mecab_node_t</c> from mecab.h. Sequential layout reproduces the C layout; on 64-bit Linux the
/// struct is 112 bytes with <c>surface</c> at 48 and <c>cost</c> (a C <c>long</c>) at 104.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MeCabNode
{
    public MeCabNode* Prev;
    public MeCabNode* Next;
    public MeCabNode* ENext;
    public MeCabNode* BNext;
    public void* RPath;
    public void* LPath;

    /// <summary>Points into the lattice's sentence buffer; not NUL-terminated.</summary>
    public byte* Surface;

    /// <summary>NUL-terminated CSV; for IPADIC 品詞,細分類1,2,3,活用型,活用形,原形,読み,発音.</summary>
    public byte* Feature;

    public uint Id;

    /// <summary>Surface length in UTF-8 bytes.</summary>
    public ushort Length;

    /// <summary>Length including the white space MeCab skipped before the morpheme.</summary>
    public ushort RLength;

    public ushort RcAttr;
    public ushort LcAttr;
    public ushort PosId;
    public byte CharType;
    public byte Stat;
    public byte IsBest;
    public float Alpha;
    public float Beta;
    public float Prob;
    public short WCost;
    public CLong Cost;
}
