using VideoPipe.Torch;
using Xunit;

namespace VideoPipe.Engine.Tests;

/// <summary>Model calls on the CPU run one at a time: their peak memory must not depend on how they overlap.</summary>
public class CpuDeviceContextTests
{
    [Fact]
    public void EveryCpuUserGetsTheSameContext()
    {
        var devices = new DeviceManager();
        Assert.Same(devices.Create(Device.Cpu), devices.Create(Device.Cpu));
    }

    [Fact]
    public async Task ASecondCallWaitsUntilTheFirstLeaves()
    {
        var context = new DeviceManager().Create(Device.Cpu);
        using var secondEntered = new ManualResetEventSlim();
        Task second;
        using (context.Enter())
        {
            second = Task.Run(() =>
            {
                using (context.Enter())
                {
                    secondEntered.Set();
                }
            });
            Assert.False(secondEntered.Wait(TimeSpan.FromMilliseconds(200)), "a second thread entered while the first was inside");
        }

        Assert.True(secondEntered.Wait(TimeSpan.FromSeconds(10)), "the second thread never entered after the first left");
        await second;
    }

    [Fact]
    public async Task EnteringAgainOnTheSameThreadDoesNotBlock()
    {
        var context = new DeviceManager().Create(Device.Cpu);
        var outer = context.Enter();
        using (context.Enter())
        {
        }

        outer.Dispose();
        outer.Dispose(); // a second Dispose must not release someone else's entry
        var other = Task.Run(() => context.Enter().Dispose());
        Assert.Same(other, await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(10))));
    }
}
