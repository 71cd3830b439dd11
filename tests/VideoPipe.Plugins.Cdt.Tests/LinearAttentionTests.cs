using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class LinearAttentionTests
{
    [Fact]
    public void MatchesAnExplicitPerFrameComputation()
    {
        const int c = 3, t = 2, h = 2, w = 3, n = h * w;
        using var scope = DisposeScope.Enter();
        using var attention = new LinearAttention(c);
        using var g = new Generator(11);
        attention.InitializeRandom(g, 0.7);
        var x = Tensor.Randn(g, [1, c, t, h, w]);

        var got = attention.Forward(x).ToArray<float>();
        var xs = x.ToArray<float>();
        var wqkv = attention.ToQkv.Weight.Value.ToArray<float>(); // [3c, c]
        var wout = attention.ToOut.Weight.Value.ToArray<float>(); // [c, c]
        var bout = attention.ToOut.Bias!.Value.ToArray<float>();
        double X(int ch, int f, int p) => xs[((ch * t) + f) * n + p];

        for (var f = 0; f < t; f++)
        {
            var qkv = new double[3 * c, n];
            for (var o = 0; o < 3 * c; o++)
            {
                for (var p = 0; p < n; p++)
                {
                    for (var i = 0; i < c; i++)
                    {
                        qkv[o, p] += wqkv[o * c + i] * X(i, f, p);
                    }
                }
            }

            // q: softmax over channels per position, then scaled; k: softmax over positions per channel.
            var q = new double[c, n];
            var k = new double[c, n];
            for (var p = 0; p < n; p++)
            {
                var sum = Enumerable.Range(0, c).Sum(d => Math.Exp(qkv[d, p]));
                for (var d = 0; d < c; d++)
                {
                    q[d, p] = Math.Exp(qkv[d, p]) / sum / Math.Sqrt(c);
                }
            }

            for (var d = 0; d < c; d++)
            {
                var sum = Enumerable.Range(0, n).Sum(p => Math.Exp(qkv[c + d, p]));
                for (var p = 0; p < n; p++)
                {
                    k[d, p] = Math.Exp(qkv[c + d, p]) / sum;
                }
            }

            var attended = new double[c, n];
            for (var e = 0; e < c; e++)
            {
                for (var p = 0; p < n; p++)
                {
                    for (var d = 0; d < c; d++)
                    {
                        double context = 0;
                        for (var m = 0; m < n; m++)
                        {
                            context += k[d, m] * qkv[2 * c + e, m];
                        }

                        attended[e, p] += context * q[d, p];
                    }
                }
            }

            for (var o = 0; o < c; o++)
            {
                for (var p = 0; p < n; p++)
                {
                    var want = bout[o] + Enumerable.Range(0, c).Sum(e => wout[o * c + e] * attended[e, p]);
                    Assert.Equal(want, got[((o * t) + f) * n + p], 4);
                }
            }
        }
    }
}
