using System.Runtime.InteropServices;

namespace KenpoBot.Search.Analysis.MeCab;

/// <summary><c>struct mecab_dictionary_info_t</c> from mecab.h.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MeCabDictionaryInfo
{
    public byte* FileName;
    public byte* Charset;
    public uint Size;
    public int Type;
    public uint LSize;
    public uint RSize;
    public ushort Version;
    public MeCabDictionaryInfo* Next;
}
