using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;
using VideoPipe.Torch;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Plugins.Template.Tests;

/// <summary>What the template's model must do beyond the kit: frames stay independent, and it trains.</summary>
public sealed class TemplateTests
{
    private static TemplateTokenizer Create(ulong seed = 3) => (TemplateTokenizer)new TemplateFamily().Create(new TokenizerRequest
    {
        Preset = TemplatePresets.Patch8,
        RandomWeightsSeed = seed,
        DeviceContext = CpuDeviceContext.Instance,
    });

    [Fact]
    public void EachFrameEncodesOnItsOwn()
    {
        using var tokenizer = Create();
        using var scope = DisposeScope.Enter();
        var video = TestVideos.Wave(3);
        var whole = tokenizer.Encode(video, EncodeOptions.Default);
        Assert.Equal([1, 4, 3, 2, 2], whole.Shape);
        var frame = tokenizer.Encode(video.Narrow(2, 1, 1), EncodeOptions.Default);
        Assert.Equal(0, TestVideos.MaxAbsDiff(whole.Narrow(2, 1, 1), frame), 6);
    }

    [Fact]
    public void TwentyAdamWStepsLowerTheL1OnAFixedBatch()
    {
        using var tokenizer = Create();
        using var scope = DisposeScope.Enter();
        var video = TestVideos.Wave(2, batch: 2);
        tokenizer.SetTraining(true);
        try
        {
            using var mode = GradMode.Enable();
            using var optimizer = new AdamW([new ParameterGroup(tokenizer.Parameters().Select(p => p.Value).ToList())], 3e-3, weightDecay: 0);
            double L1(bool backward)
            {
                using var inner = DisposeScope.Enter();
                using var forward = tokenizer.Forward(video, new TrainingForwardOptions { SamplePosterior = false });
                var loss = (forward.Reconstruction! - video).Abs().Mean();
                if (backward)
                {
                    loss.Backward();
                }

                return loss.Item();
            }

            var before = L1(false);
            for (var step = 0; step < 20; step++)
            {
                optimizer.ZeroGrad();
                L1(true);
                optimizer.Step();
            }

            Assert.True(L1(false) < 0.7 * before);
        }
        finally
        {
            tokenizer.SetTraining(false);
        }
    }

    [Fact]
    public void BadConfigsNameTheKey() =>
        Assert.Contains("patch_size", Assert.Throws<ArgumentException>(() => TemplateConfig.FromJson(JsonDocument.Parse("{\"patch_size\": 0}").RootElement)).Message);

    [Fact]
    public void KeysLeftOutKeepTheirDefaultsAndUnknownKeysAreRefused()
    {
        var config = TemplateConfig.FromJson(JsonDocument.Parse("{\"hidden_channels\": 16}").RootElement);
        Assert.Equal(new TemplateConfig { HiddenChannels = 16 }, config);
        Assert.Contains("hidden_chanels", Assert.Throws<ArgumentException>(() => TemplateConfig.FromJson(JsonDocument.Parse("{\"hidden_chanels\": 16}").RootElement)).Message);
        Assert.Equal(config, TemplateConfig.FromJson(JsonDocument.Parse(config.ToJson()).RootElement));
    }
}
