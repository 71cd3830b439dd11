namespace VideoPipe.Engine;

/// <summary>
/// An emitter that also takes how many frames the item a stage is about to emit will have (the decode stage, after
/// probing), so progress can show a frame total and a frame-based ETA.
/// </summary>
internal interface IItemLengthSink
{
    void AddItemLength(long frames, bool estimated);
}
