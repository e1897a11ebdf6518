namespace MiaRepro.Models;

/// <summary>Down-sampling between LeNet-style conv blocks: the paper's text says average, the authors' code uses max.</summary>
public enum Pooling { Average, Max }
