namespace VideoPipe.Jobs.Training;

/// <summary>Where model.init_from's and model.grow_from's weights are: the file itself, or model.safetensors inside an export folder.</summary>
public static class ExportedWeights
{
    public static string Resolve(string path) => Directory.Exists(path) ? Path.Combine(path, TrainingExport.WeightsFileName) : path;
}
