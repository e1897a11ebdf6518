using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MiaRepro.Outputs;

/// <summary>The header dict of a .npy file (<c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>),
/// formatted byte for byte as numpy writes it so files and goldens compare equal.</summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    /// <summary>numpy aligns the data to 64 bytes so memory-mapped arrays start aligned.</summary>
    public const int Alignment = 64;

    /// <summary>numpy leaves room for the first axis to grow to 21 digits when appending in place; we match its bytes.</summary>
    const int GrowthAxisMaxDigits = 21;

    public static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static string FormatShape(IReadOnlyList<long> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
    };

    /// <summary>The whole preamble + header (version 1.0, or 2.0 where the header outgrows 65535 bytes), '\n'-terminated and aligned.</summary>
    public byte[] Encode()
    {
        var dict = $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {FormatShape(Shape)}, }}";
        if (Shape.Length > 0)
        {
            var growAxis = FortranOrder ? Shape[^1] : Shape[0];
            dict += new string(' ', GrowthAxisMaxDigits - growAxis.ToString(CultureInfo.InvariantCulture).Length);
        }
        var v1 = Wrap(dict, major: 1);
        return v1.Length - 10 <= ushort.MaxValue ? v1 : Wrap(dict, major: 2);
    }

    static byte[] Wrap(string dict, int major)
    {
        var prefix = major == 1 ? 10 : 12;
        var unpadded = prefix + Encoding.ASCII.GetByteCount(dict) + 1;
        // Same rule as numpy's _wrap_header: at least one space, so an already aligned header grows by a full block.
        var pad = Alignment - unpadded % Alignment;
        var text = Encoding.ASCII.GetBytes(dict + new string(' ', pad) + "\n");
        var bytes = new byte[prefix + text.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (major == 1) BitConverter.TryWriteBytes(bytes.AsSpan(8, 2), checked((ushort)text.Length));
        else BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), (uint)text.Length);
        text.CopyTo(bytes, prefix);
        return bytes;
    }

    /// <summary>Parses the dict text; null where a key is missing or malformed (the caller names the file).</summary>
    public static NpyHeader? Parse(string dict)
    {
        var trimmed = dict.Trim();
        if (!trimmed.StartsWith('{') || !trimmed.EndsWith('}')) return null;
        var descr = Regex.Match(trimmed, @"'descr'\s*:\s*'([^']*)'");
        var fortran = Regex.Match(trimmed, @"'fortran_order'\s*:\s*(True|False)");
        var shape = Regex.Match(trimmed, @"'shape'\s*:\s*\(([^)]*)\)");
        if (!descr.Success || !fortran.Success || !shape.Success) return null;
        var dims = new List<long>();
        foreach (var part in shape.Groups[1].Value.Split(','))
        {
            var p = part.Trim().TrimEnd('L');
            if (p.Length == 0) continue;
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return null;
            dims.Add(d);
        }
        return new NpyHeader(descr.Groups[1].Value, fortran.Groups[1].Value == "True", [.. dims]);
    }
}
