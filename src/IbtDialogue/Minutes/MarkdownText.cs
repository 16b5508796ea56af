using System.Text;

namespace IbtDialogue.Minutes;

/// <summary>Puts text people typed into Markdown as literal text: it can never become structure, a link or HTML.</summary>
public static class MarkdownText
{
    // Characters with meaning inline (emphasis, code, links, images, autolinks, HTML, entities, tables, strikethrough).
    private const string InlineSpecials = "\\`*_[]<>|&~!#";

    // What CommonMark lets a backslash escape.
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>The text without Markdown's backslash escapes (to search it as a reader would read it).</summary>
    public static string Unescape(string markdown)
    {
        var builder = new StringBuilder(markdown.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            if (markdown[i] == '\\' && i + 1 < markdown.Length && AsciiPunctuation.Contains(markdown[i + 1], StringComparison.Ordinal))
            {
                i++;
            }

            builder.Append(markdown[i]);
        }

        return builder.ToString();
    }

    /// <summary>Escapes text for use inside one line of Markdown (a paragraph, list item or table cell); line breaks become spaces.</summary>
    public static string Inline(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var builder = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (InlineSpecials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        // At the start of a line these open a list, a heading underline or a block quote.
        if (builder.Length > 0 && builder[0] is '-' or '+' or '=')
        {
            builder.Insert(0, '\\');
        }

        // "1. text" or "1) text" at the start would become an ordered list.
        var digits = 0;
        while (digits < builder.Length && char.IsAsciiDigit(builder[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits < builder.Length && builder[digits] is '.' or ')')
        {
            builder.Insert(digits, '\\');
        }

        return builder.ToString();
    }
}
