using System.Runtime.InteropServices;
using KenpoBot.Search.Analysis.MeCab;

namespace KenpoBot.Search.Tests.Analysis.MeCab;

/// <summary>Offsets of struct mecab_dictionary_info_t on 64-bit Linux, worked out from /usr/include/mecab.h.</summary>
public sealed class MeCabDictionaryInfoTests
{
    [Theory]
    [InlineData(nameof(MeCabDictionaryInfo.FileName), 0)]
    [InlineData(nameof(MeCabDictionaryInfo.Charset), 8)]
    [InlineData(nameof(MeCabDictionaryInfo.Size), 16)]
    [InlineData(nameof(MeCabDictionaryInfo.Version), 32)]
    [InlineData(nameof(MeCabDictionaryInfo.Next), 40)]
    public void Field_IsAtTheOffsetOfTheCStruct(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<MeCabDictionaryInfo>(field));
    }
}
