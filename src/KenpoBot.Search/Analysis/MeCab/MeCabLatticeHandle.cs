using System.Runtime.InteropServices;

namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>
/// Owns a <c>mecab_lattice_t</c>: the state of one parse, never shared between threads. The lattice uses the
/// model's writer, so it holds a reference on the model handle like <see cref="MeCabTaggerHandle"/>.
/// </summary>
internal sealed class MeCabLatticeHandle : SafeHandle
{
    private readonly MeCabModelHandle model;

    private MeCabLatticeHandle(MeCabModelHandle model)
        : base(nint.Zero, ownsHandle: true)
    {
        this.model = model;
    }

    public override bool IsInvalid => handle == nint.Zero;

    public static MeCabLatticeHandle Create(MeCabModelHandle model)
    {
        var lattice = new MeCabLatticeHandle(model);
        var added = false;
        model.DangerousAddRef(ref added);
        var native = MeCabNative.ModelNewLattice(model.DangerousGetHandle());
        if (native == nint.Zero)
        {
            model.DangerousRelease();
            throw new InvalidOperationException("mecab_model_new_lattice failed.");
        }

        lattice.SetHandle(native);
        return lattice;
    }

    protected override bool ReleaseHandle()
    {
        MeCabNative.LatticeDestroy(handle);
        model.DangerousRelease();
        return true;
    }
}
