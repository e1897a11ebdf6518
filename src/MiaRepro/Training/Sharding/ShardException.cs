namespace MiaRepro.Training.Sharding;

/// <summary>A sharded run or a merge refused: shards that do not fit together, or a merge that would have to train. An
/// <see cref="InvalidOperationException"/>, so the CLI reports it as an error (exit 2) like its other refusals.</summary>
public sealed class ShardException(string message) : InvalidOperationException(message);
