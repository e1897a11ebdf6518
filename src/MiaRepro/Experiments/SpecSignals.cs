using MiaRepro.Signals;

namespace MiaRepro.Experiments;

/// <summary>
/// Resolves a signal named in an experiment file. Specs keep signal names as strings, so configuration binding stays
/// plain and row labels keep the file's spelling; this checks them at load time with an error naming the key.
/// </summary>
public static class SpecSignals
{
    public static Signal Resolve(string key, string name)
    {
        try
        {
            return SignalRegistry.Get(name);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{key}: {e.Message}", e);
        }
    }
}
