namespace MiaRepro.Training;

/// <summary>One model a claim's run needs, named before anything trains: its job (whose key names it in the model
/// store) and how many examples it is trained on, which with the job's training gives its steps.</summary>
public sealed record PlannedModel(TrainingJob Job, long Members)
{
    public long Steps => ModelSteps.Of(Job.Training, Members);
}
