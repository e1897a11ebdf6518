namespace MiaRepro.Training;

/// <summary>A distilled student's teacher: its model key and the temperature of the soft labels.</summary>
public sealed record DistillationTeacher(string Key, double Temperature);
