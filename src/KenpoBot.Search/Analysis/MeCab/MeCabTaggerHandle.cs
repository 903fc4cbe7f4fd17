using System.Runtime.InteropServices;

namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>
/// Owns a <c>mecab_t</c> created from a model. It holds a reference on the model handle so the model
/// outlives every tagger, whatever order finalizers run in.
/// </summary>
internal sealed class MeCabTaggerHandle : SafeHandle
{
    private readonly MeCabModelHandle model;

    private MeCabTaggerHandle(MeCabModelHandle model)
        : base(nint.Zero, ownsHandle: true)
    {
        this.model = model;
    }

    public override bool IsInvalid => handle == nint.Zero;

    public static MeCabTaggerHandle Create(MeCabModelHandle model)
    {
        var tagger = new MeCabTaggerHandle(model);
        var added = false;
        model.DangerousAddRef(ref added);
        var native = MeCabNative.ModelNewTagger(model.DangerousGetHandle());
        if (native == nint.Zero)
        {
            model.DangerousRelease();
            throw new InvalidOperationException("mecab_model_new_tagger failed: " + MeCabNative.LastError());
        }

        tagger.SetHandle(native);
        return tagger;
    }

    protected override bool ReleaseHandle()
    {
        MeCabNative.TaggerDestroy(handle);
        model.DangerousRelease();
        return true;
    }
}
