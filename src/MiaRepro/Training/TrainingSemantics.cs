namespace MiaRepro.Training;

/// <summary>The version of what training computes, part of every model's key (<see cref="JobKey"/>).</summary>
public static class TrainingSemantics
{
    /// <summary>
    /// Bump when training numerics change (loss, optimizer, initialization, batching, shuffling): every stored model then
    /// stops matching and is retrained. Guarded by the golden test (Tests/Training/TrainingSemanticsGoldenTests), which
    /// fails until this is bumped and its golden regenerated. v2: the key scheme itself changed (one canonical job
    /// record, defaults left out), so no v1 entry matches anyway; training numerics are those of v1.
    /// </summary>
    public const string Version = "training-v2";
}
