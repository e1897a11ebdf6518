namespace MiaRepro.Training;

/// <summary>
/// The loss became NaN or infinite. The trainer names the epoch and batch; the model store adds the model and the job
/// key, the claim runner the claim, so the message says which model of which claim to look at. Nothing is stored for
/// a diverged job: the store writes an entry only after training returns.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(string detail) : this(detail, null, null, null) { }

    TrainingDivergedException(string detail, string? claim, string? model, string? jobKey)
        : base(Compose(detail, claim, model, jobKey))
    {
        Detail = detail;
        Claim = claim;
        Model = model;
        JobKey = jobKey;
    }

    /// <summary>The trainer's words: where the loss stopped being finite, and what to try.</summary>
    public string Detail { get; }
    public string? Claim { get; }
    public string? Model { get; }
    public string? JobKey { get; }

    public TrainingDivergedException ForJob(TrainingJob job) => new(Detail, Claim, job.Model.ToString(), job.Key());

    public TrainingDivergedException ForClaim(string claim) => new(Detail, claim, Model, JobKey);

    static string Compose(string detail, string? claim, string? model, string? jobKey)
    {
        var where = string.Join(", ", new[] { claim is null ? null : $"claim {claim}", model is null ? null : $"model {model}",
            jobKey is null ? null : $"job {jobKey}" }.OfType<string>());
        return where.Length == 0 ? detail : $"{detail} ({where}; nothing was stored for this job)";
    }
}
