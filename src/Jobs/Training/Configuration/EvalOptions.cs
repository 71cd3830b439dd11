namespace VideoPipe.Jobs.Training;

/// <summary>Held-out clips scored (PSNR, SSIM) every <see cref="Every"/> steps.</summary>
public sealed class EvalOptions
{
    /// <summary>Steps between evaluations (and one at the end); 0 turns evaluation off.</summary>
    public long Every { get; set; } = 100;

    /// <summary>Held-out clips: for video data the first files of <see cref="Folders"/>, else the last training files in sorted order (kept out of training).</summary>
    public int Clips { get; set; } = 2;

    /// <summary>Folders of held-out videos (e.g. a corpus's eval split); empty = hold out training files.</summary>
    public List<string> Folders { get; set; } = [];
}
