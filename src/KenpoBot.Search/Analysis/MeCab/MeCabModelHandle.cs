using System.Runtime.InteropServices;

namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>Owns a <c>mecab_model_t</c>: the dictionary and connection matrix, shared by all taggers.</summary>
internal sealed class MeCabModelHandle : SafeHandle
{
    private MeCabModelHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Calls <c>mecab_model_new2</c>; null when MeCab refuses (see <see cref="MeCabNative.LastError"/>).</summary>
    public static MeCabModelHandle? Create(string arguments)
    {
        var model = new MeCabModelHandle();
        var native = MeCabNative.ModelNew(arguments);
        if (native == nint.Zero)
        {
            return null;
        }

        model.SetHandle(native);
        return model;
    }

    protected override bool ReleaseHandle()
    {
        MeCabNative.ModelDestroy(handle);
        return true;
    }
}
