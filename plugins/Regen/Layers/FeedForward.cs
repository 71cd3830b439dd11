using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>Linear(D → mD) → GELU(tanh) → Linear(mD → D).</summary>
public sealed class FeedForward : Module
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    public FeedForward(long width, long multiplier)
    {
        fc1 = Child("fc1", new Linear(width, multiplier * width));
        fc2 = Child("fc2", new Linear(multiplier * width, width));
    }

    public Linear Output => fc2;

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        return scope.Keep(fc2.Forward(fc1.Forward(x).Gelu(tanhApproximation: true)));
    }
}
