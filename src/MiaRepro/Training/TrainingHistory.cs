using System.Collections;

namespace MiaRepro.Training;

/// <summary>
/// A model's epochs and the optimizer steps the trainer took to make them. The trainers return it as the history, so
/// the model store records each model's steps (<see cref="TrainingProvenance.ModelSteps"/>) without every caller of
/// <see cref="ModelCache.GetOrTrain"/> passing them on; a history from elsewhere (a test's list) records none.
/// </summary>
public sealed class TrainingHistory(IReadOnlyList<EpochRecord> epochs, long steps) : IReadOnlyList<EpochRecord>
{
    public long Steps { get; } = steps;

    public EpochRecord this[int index] => epochs[index];
    public int Count => epochs.Count;
    public IEnumerator<EpochRecord> GetEnumerator() => epochs.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
