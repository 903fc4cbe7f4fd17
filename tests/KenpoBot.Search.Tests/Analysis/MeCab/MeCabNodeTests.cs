using System.Runtime.InteropServices;
using KenpoBot.Search.Analysis.MeCab;

namespace KenpoBot.Search.Tests.Analysis.MeCab;

/// <summary>Offsets of struct mecab_node_t on 64-bit Linux, worked out from /usr/include/mecab.h.</summary>
public sealed class MeCabNodeTests
{
    [Theory]
    [InlineData(nameof(MeCabNode.Prev), 0)]
    [InlineData(nameof(MeCabNode.Next), 8)]
    [InlineData(nameof(MeCabNode.Surface), 48)]
    [InlineData(nameof(MeCabNode.Feature), 56)]
    [InlineData(nameof(MeCabNode.Id), 64)]
    [InlineData(nameof(MeCabNode.Length), 68)]
    [InlineData(nameof(MeCabNode.RLength), 70)]
    [InlineData(nameof(MeCabNode.PosId), 76)]
    [InlineData(nameof(MeCabNode.CharType), 78)]
    [InlineData(nameof(MeCabNode.Stat), 79)]
    [InlineData(nameof(MeCabNode.IsBest), 80)]
    [InlineData(nameof(MeCabNode.Alpha), 84)]
    [InlineData(nameof(MeCabNode.WCost), 96)]
    [InlineData(nameof(MeCabNode.Cost), 104)]
    public void Field_IsAtTheOffsetOfTheCStruct(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<MeCabNode>(field));
    }

    [Fact]
    public void Size_IsThatOfTheCStruct()
    {
        Assert.Equal(112, Marshal.SizeOf<MeCabNode>());
    }
}
