namespace MiaRepro.Data;

/// <summary>
/// Comma-separated rows of non-negative integers, as Shokri et al.'s Purchase-100 and Texas-100 files are (hundreds of MB:
/// parsed from the bytes in place, no string per field). Every row must have the same number of fields; the error names
/// the file, the line and what was found.
/// </summary>
public static class IntegerCsv
{
    public static (float[] Values, int Rows, int Columns) Parse(byte[] bytes, string file)
    {
        var rows = 0;
        var columns = -1;
        for (int i = 0, start = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] != '\n') continue;
            if (!Blank(bytes, start, i))
            {
                var n = 1;
                for (var k = start; k < i; k++) if (bytes[k] == ',') n++;
                if (columns < 0) columns = n;
                else if (n != columns) throw new DatasetException($"{file} line {rows + 1} has {n} fields, expected {columns} as on line 1: the file is not the official one, or is cut short. Delete it and download it again.");
                rows++;
            }
            start = i + 1;
        }
        if (rows == 0) throw new DatasetException($"{file} holds no rows: delete it and download it again.");

        var values = new float[(long)rows * columns];
        long o = 0;
        var line = 0;
        for (int i = 0, start = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] != '\n') continue;
            if (!Blank(bytes, start, i))
            {
                line++;
                var value = -1L;
                for (var k = start; k <= i; k++)
                {
                    var b = k < i ? bytes[k] : (byte)',';
                    if (b is (byte)'\r' or (byte)' ') continue;
                    if (b == ',')
                    {
                        if (value < 0) throw new DatasetException($"{file} line {line} has an empty field: expected integers only.");
                        values[o++] = value;
                        value = -1;
                    }
                    else if (b is >= (byte)'0' and <= (byte)'9') value = (value < 0 ? 0 : value * 10) + (b - '0');
                    else throw new DatasetException($"{file} line {line} has '{(char)b}' where integers were expected: the file is not the official one.");
                }
            }
            start = i + 1;
        }
        return (values, rows, columns);
    }

    static bool Blank(byte[] bytes, int start, int end)
    {
        for (var k = start; k < end; k++) if (bytes[k] is not ((byte)'\r' or (byte)' ')) return false;
        return true;
    }
}
