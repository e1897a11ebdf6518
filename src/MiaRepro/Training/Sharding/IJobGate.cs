namespace MiaRepro.Training.Sharding;

/// <summary>
/// What the model store may do with each job, asked where every job is trained or loaded (<see cref="ModelCache.TryGet"/>,
/// which <see cref="ModelCache.GetOrTrain"/> and the many-model trainer's callers both go through). None: get or train as
/// usual. <see cref="ShardGate"/>: a sharded run trains only its own jobs. <see cref="MergeGate"/>: a merge trains nothing.
/// </summary>
public interface IJobGate
{
    /// <summary>Whether this process gets or trains <paramref name="job"/>; if not, the store hands out an untrained
    /// stand-in (stored nowhere) so the kind's run can go on to the next job.</summary>
    bool Owns(TrainingJob job, string key);

    /// <summary>The job's model was loaded from the store.</summary>
    void Found(string key);

    /// <summary>The job's model is not in the store and is about to be trained (a merge refuses here).</summary>
    void Missing(string key);

    /// <summary>The job's model was trained now and stored.</summary>
    void Trained(string key);
}
