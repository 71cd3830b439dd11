using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class FrameAssemblyTests
{
    // Head output whose 2D RGB (channels 0..2) holds the frame index and 3D RGB (3..5) 100 + frame index.
    private static Tensor Head(int frames)
    {
        var data = new float[6 * frames];
        for (var ch = 0; ch < 6; ch++)
        {
            for (var t = 0; t < frames; t++)
            {
                data[ch * frames + t] = ch < 3 ? t : 100 + t;
            }
        }

        return Tensor.FromArray(data, 1, 6, frames, 1, 1);
    }

    private static float[] RedChannel(Tensor video)
    {
        using var red = video.Select(1, 0).Reshape(-1);
        return red.ToArray<float>();
    }

    [Fact]
    public void FirstCallFrameComesFromTheKeyframeBranch()
    {
        using var head = Head(1);
        using var video = IvVaeModel.AssembleFrames(head, firstCall: true);
        Assert.Equal([0f], RedChannel(video));
    }

    [Fact]
    public void FirstFrameOfEachGroupIsTheKeyframeTheOtherThreeAreTemporal()
    {
        using var head = Head(8);
        using var video = IvVaeModel.AssembleFrames(head, firstCall: false);
        Assert.Equal([0f, 101, 102, 103, 4, 105, 106, 107], RedChannel(video));
        Assert.Equal([1, 3, 8, 1, 1], video.Shape);
    }

    [Fact]
    public void MeanAndLogVarTakeTheFirstHalfOfEachConvHalf()
    {
        // conv1 output [A | B] with z = 4 channels each: A = 0..3, B = 4..7.
        using var moments = Tensor.FromArray(Enumerable.Range(0, 8).Select(i => (float)i).ToArray(), 1, 8, 1, 1, 1);
        var (mean, logVar) = IvVaeModel.SplitMoments(moments, 4);
        using (mean)
        using (logVar)
        {
            Assert.Equal([0f, 1, 4, 5], mean.ToArray<float>());
            Assert.Equal([2f, 3, 6, 7], logVar.ToArray<float>());
        }
    }
}
