namespace Chitin.Tools.Files;

/// <summary>One line of a text file; <see cref="Text"/> is cut to the reader's cap, <see cref="Length"/> is the full length.</summary>
internal readonly record struct TextLine(string Text, long Length)
{
    public bool IsCut => Text.Length < Length;
}
