namespace VideoPipe.Engine.Tests;

/// <summary>Frame totals, the recent frame rate and the frame-based ETA, on a clock the test moves.</summary>
public sealed class FrameProgressTests
{
    private readonly ManualClock clock = new();
    private readonly FrameProgress progress;

    public FrameProgressTests() => progress = new FrameProgress(clock);

    [Fact]
    public void EtaIsFramesLeftOverTheRecentRate()
    {
        progress.AddItemLength(1000, estimated: false);
        FeedBlocks(count: 5, frames: 20, secondsApart: 0.5);

        Assert.Equal(100, progress.Done);
        Assert.Equal(1000, progress.Total(itemsTotal: 1));
        Assert.Equal(40, progress.RecentFramesPerSecond()!.Value, 6);
        Assert.Equal(TimeSpan.FromSeconds(900 / 40.0), progress.Remaining(itemsTotal: 1));
        Assert.False(progress.TotalIsEstimate);
    }

    [Fact]
    public void ModelLoadBeforeTheFirstFramesDoesNotLowerTheRate()
    {
        progress.AddItemLength(500, estimated: false);
        clock.AdvanceSeconds(60);
        FeedBlocks(count: 4, frames: 10, secondsApart: 1);

        Assert.Equal(10, progress.RecentFramesPerSecond()!.Value, 6);
        Assert.Equal(TimeSpan.FromSeconds(46), progress.Remaining(itemsTotal: 1));
    }

    [Fact]
    public void TheRateFollowsTheLastSecondsNotTheWholeRun()
    {
        progress.AddItemLength(100_000, estimated: false);
        FeedBlocks(count: 60, frames: 100, secondsApart: 1);
        FeedBlocks(count: 30, frames: 10, secondsApart: 1);

        Assert.Equal(10, progress.RecentFramesPerSecond()!.Value, 6);
    }

    [Fact]
    public void AStallLowersTheRate()
    {
        progress.AddItemLength(1000, estimated: false);
        FeedBlocks(count: 3, frames: 10, secondsApart: 1);
        clock.AdvanceSeconds(20);

        Assert.Equal(1, progress.RecentFramesPerSecond()!.Value, 6);
    }

    [Fact]
    public void NoTotalUntilEveryItemReportedItsLength()
    {
        progress.AddItemLength(300, estimated: false);
        FeedBlocks(count: 3, frames: 10, secondsApart: 1);

        Assert.Null(progress.Total(itemsTotal: 2));
        Assert.Null(progress.Remaining(itemsTotal: 2));
        Assert.Null(progress.Total(itemsTotal: null));
        Assert.Null(progress.Remaining(itemsTotal: null));

        progress.AddItemLength(200, estimated: false);
        Assert.Equal(500, progress.Total(itemsTotal: 2));
        Assert.Equal(TimeSpan.FromSeconds(47), progress.Remaining(itemsTotal: 2));
    }

    [Fact]
    public void NoRateOrEtaBeforeTwoBlocks()
    {
        progress.AddItemLength(300, estimated: false);
        Assert.Null(progress.RecentFramesPerSecond());

        progress.AddDone(16);
        clock.AdvanceSeconds(1);
        Assert.Null(progress.RecentFramesPerSecond());
        Assert.Null(progress.Remaining(itemsTotal: 1));
    }

    [Fact]
    public void OneEstimatedLengthMakesTheTotalAnEstimate()
    {
        progress.AddItemLength(300, estimated: false);
        progress.AddItemLength(250, estimated: true);

        Assert.Equal(550, progress.Total(itemsTotal: 2));
        Assert.True(progress.TotalIsEstimate);
    }

    [Fact]
    public void MoreFramesThanAnEstimatedTotalLeaveNothingToDo()
    {
        progress.AddItemLength(25, estimated: true);
        FeedBlocks(count: 3, frames: 10, secondsApart: 1);

        Assert.Equal(TimeSpan.Zero, progress.Remaining(itemsTotal: 1));
    }

    private void FeedBlocks(int count, int frames, double secondsApart)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                clock.AdvanceSeconds(secondsApart);
            }

            progress.AddDone(frames);
        }
    }
}
