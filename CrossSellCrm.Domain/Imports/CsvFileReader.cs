using System.Text;

namespace CrossSellCrm.Domain.Imports;

/// <summary>One record of a CSV file: its fields, where it starts (line numbers count from 1, the header is line 1), and what was wrong with it.</summary>
public sealed record CsvRecord(long Line, string[] Fields, string? Problem);

/// <summary>What a file turned out to be: read before the first record, shown in the wizard's preview.</summary>
public sealed record CsvDialect(string EncodingName, char Separator, bool HasByteOrderMark);

/// <summary>
/// Reads the CSV files people actually have, one record at a time (memory does not grow with the file): UTF-8 with or
/// without a byte-order mark, else Windows-1252 (what German Excel writes), the separator <c>,</c> <c>;</c> or tab taken
/// from the header line, RFC 4180 quotes with separators, quotes and line breaks inside. A field longer than
/// <see cref="MaxFieldLength"/> or a quote left open is the record's <see cref="CsvRecord.Problem"/>, not a crash and not
/// a record that swallows the rest of the file.
/// </summary>
public sealed class CsvFileReader : IDisposable
{
    public const int MaxFieldLength = 32 * 1024;
    public const int MaxFields = 512;
    private const int SampleBytes = 64 * 1024;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private int _length, _position;
    private long _line = 1;
    private readonly StringBuilder _field = new();

    public CsvDialect Dialect { get; }
    public IReadOnlyList<string> Header { get; }

    private CsvFileReader(TextReader reader, CsvDialect dialect)
    {
        _reader = reader;
        Dialect = dialect;
        var header = ReadRecord();
        Header = header?.Fields.Select(f => f.Trim()).ToArray() ?? [];
    }

    static CsvFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <exception cref="ImportFileException">Empty, binary, or no header.</exception>
    public static CsvFileReader Open(string path, char? separator = null) => Open(File.OpenRead(path), separator);

    /// <summary>Takes ownership of <paramref name="stream"/> (which must be seekable: the sample is read, then the stream rewound).</summary>
    public static CsvFileReader Open(Stream stream, char? separator = null)
    {
        try
        {
            var sample = new byte[SampleBytes];
            var read = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
            if (read == 0) throw new ImportFileException(Localization.Messages.Text("Import_FileEmpty"));
            var span = sample.AsSpan(0, read);
            var (encoding, bom) = DetectEncoding(span, cut: read == sample.Length);
            // A file that is plain ASCII for its first 64 KB may hold its first "Müller" in Windows-1252 far below: read
            // on to be sure before calling it UTF-8 (a quick pass; checking UTF-8 runs at gigabytes a second).
            if (bom == 0 && read == sample.Length && encoding is UTF8Encoding && !RestIsUtf8(stream, span)) encoding = Encoding.GetEncoding(1252);
            if (bom == 0 && span.IndexOf((byte)0) >= 0) throw new ImportFileException(Localization.Messages.Text("Import_FileBinary"));
            var text = encoding.GetString(span[bom..]);
            var sep = separator ?? DetectSeparator(text);
            stream.Position = bom;
            var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, 64 * 1024);
            var csv = new CsvFileReader(reader, new CsvDialect(encoding.WebName, sep, bom > 0));
            if (csv.Header.Count == 0 || csv.Header.All(h => h.Length == 0)) throw new ImportFileException(Localization.Messages.Text("Import_NoHeader"));
            return csv;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>UTF-8 (with its mark, or when the sample is valid UTF-8), UTF-16 by its mark, else Windows-1252.</summary>
    /// <param name="cut">The sample is the start of a longer file, so its last character may be cut off.</param>
    internal static (Encoding Encoding, int Bom) DetectEncoding(ReadOnlySpan<byte> sample, bool cut = false)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (new UTF8Encoding(false), 3);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode, 2);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode, 2);
        // A sample cut inside a multi-byte character is still UTF-8: drop up to three trailing bytes of an unfinished sequence.
        var end = sample.Length;
        for (var back = 1; cut && back <= 3 && end - back >= 0; back++)
        {
            var b = sample[end - back];
            if ((b & 0xC0) == 0xC0) { end -= back; break; }
            if ((b & 0x80) == 0) break;
        }
        return System.Text.Unicode.Utf8.IsValid(sample[..end]) ? (new UTF8Encoding(false), 0) : (Encoding.GetEncoding(1252), 0);
    }

    /// <summary>Whether the stream, from where the sample ended, is valid UTF-8 (a character cut at a chunk's end is carried over).</summary>
    private static bool RestIsUtf8(Stream stream, ReadOnlySpan<byte> sample)
    {
        var buffer = new byte[1 << 20];
        // The sample's unfinished last character, if any, is checked with what follows it.
        var carry = 0;
        for (var back = 1; back <= 3 && back <= sample.Length; back++)
        {
            var b = sample[^back];
            if ((b & 0xC0) == 0xC0) { carry = back; break; }
            if ((b & 0x80) == 0) break;
        }
        sample[^carry..].CopyTo(buffer);
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var length = carry + read;
            var end = length;
            carry = 0;
            for (var back = 1; back <= 3 && back <= length; back++)
            {
                var b = buffer[length - back];
                if ((b & 0xC0) == 0xC0) { end = length - back; carry = back; break; }
                if ((b & 0x80) == 0) break;
            }
            if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, end))) return false;
            buffer.AsSpan(end, carry).CopyTo(buffer);
        }
        return carry == 0;
    }

    /// <summary>The separator that occurs most often outside quotes in the first line; a comma when none does.</summary>
    internal static char DetectSeparator(string sample)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var c in sample)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && c == ',') comma++;
            else if (!quoted && c == ';') semicolon++;
            else if (!quoted && c == '\t') tab++;
        }
        if (tab > comma && tab >= semicolon) return '\t';
        return semicolon > comma ? ';' : ',';
    }

    /// <summary>The next record, or null at the end. Blank lines are no records.</summary>
    public CsvRecord? Read()
    {
        while (true)
        {
            var record = ReadRecord();
            if (record is null) return null;
            if (record.Fields.Length == 1 && record.Fields[0].Length == 0 && record.Problem is null) continue;
            return record;
        }
    }

    private CsvRecord? ReadRecord()
    {
        if (!Fill()) return null;
        var start = _line;
        var fields = new List<string>();
        string? problem = null;
        var separator = Dialect.Separator;
        _field.Clear();
        var quoted = false;       // inside quotes
        var fieldStart = true;    // nothing read of this field yet
        var tooLong = false;
        while (true)
        {
            if (_position >= _length && !Fill())
            {
                if (quoted) problem ??= Localization.Messages.Text("Import_QuoteNotClosed", start);
                break;
            }
            var c = _buffer[_position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (_position >= _length && !Fill()) { quoted = false; continue; }
                    if (_buffer[_position] == '"') { _position++; Append('"'); }
                    else quoted = false;
                    continue;
                }
                if (c == '\n') _line++;
                // Past the field limit characters are counted, not kept: a quote never closed reads to the end of the file
                // in bounded memory, and is reported there as one rejected record.
                Append(c);
                continue;
            }
            if (c == '"' && fieldStart) { quoted = true; fieldStart = false; continue; }
            if (c == separator) { EndField(); continue; }
            if (c == '\r')
            {
                if ((_position < _length || Fill()) && _buffer[_position] == '\n') _position++;
                _line++;
                break;
            }
            if (c == '\n') { _line++; break; }
            fieldStart = false;
            Append(c);
        }
        EndField();
        if (tooLong) problem ??= Localization.Messages.Text("Import_FieldTooLong", MaxFieldLength);
        if (fields.Count > MaxFields)
        {
            problem ??= Localization.Messages.Text("Import_TooManyFields", MaxFields);
            fields.RemoveRange(MaxFields, fields.Count - MaxFields);
        }
        return new CsvRecord(start, fields.ToArray(), problem);

        void Append(char ch)
        {
            if (_field.Length < MaxFieldLength) _field.Append(ch);
            else tooLong = true;
        }

        void EndField()
        {
            if (fields.Count <= MaxFields) fields.Add(_field.ToString());
            _field.Clear();
            fieldStart = true;
        }
    }

    private bool Fill()
    {
        if (_position < _length) return true;
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>A file that cannot be imported at all (empty, binary, too large, no header); the message says why, in the user's language.</summary>
public sealed class ImportFileException(string message) : Exception(message);
