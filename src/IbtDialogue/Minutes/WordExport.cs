using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MarkdownTable = Markdig.Extensions.Tables.Table;
using WordTable = DocumentFormat.OpenXml.Wordprocessing.Table;

namespace IbtDialogue.Minutes;

/// <summary>
/// Turns minutes into a Word document by walking Markdig's syntax tree: headings become Word headings,
/// lists Word lists, tables Word tables, emphasis and links real runs and hyperlinks (http, https and mailto
/// only). No HTML and no string templates: what Markdig parsed is what Word gets.
/// </summary>
public sealed class WordExport(MarkdownRenderer renderer)
{
    private const int BulletList = 1;
    private const int OrderedList = 2;

    public byte[] Create(string markdown, string title)
    {
        var document = Markdown.Parse(markdown, renderer.Pipeline);
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = title;
            word.PackageProperties.Language = "nl-NL";
            var main = word.AddMainDocumentPart();
            AddStyles(main);
            var numbering = AddNumbering(main);
            var body = new Body();
            var writer = new Writer(main, numbering, body);
            foreach (var block in document)
            {
                writer.Block(block, listLevel: -1, listInstance: 0);
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 708, Footer = 708, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Writes blocks into the body; keeps the numbering instances of ordered lists apart.</summary>
    private sealed class Writer(MainDocumentPart main, Numbering numbering, Body body)
    {
        private int nextInstance = 3;

        public void Block(Block block, int listLevel, int listInstance, OpenXmlCompositeElement? into = null)
        {
            var target = into ?? body;
            switch (block)
            {
                case HeadingBlock heading:
                    target.Append(Paragraph($"Heading{Math.Min(heading.Level, 4)}", heading.Inline));
                    break;
                case ParagraphBlock paragraph:
                    var p = Paragraph(listLevel >= 0 ? "ListParagraph" : null, paragraph.Inline);
                    if (listLevel >= 0)
                    {
                        p.ParagraphProperties!.Append(new NumberingProperties(new NumberingLevelReference { Val = listLevel }, new NumberingId { Val = listInstance }));
                    }

                    target.Append(p);
                    break;
                case ListBlock list:
                    var instance = list.IsOrdered ? NewOrderedInstance() : BulletList;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var first = true;
                        foreach (var inner in item)
                        {
                            // Only the first paragraph of an item carries the bullet; later ones are continuation text.
                            Block(inner, first || inner is ListBlock ? listLevel + 1 : -1, instance, into);
                            first = false;
                        }
                    }

                    break;
                case MarkdownTable table:
                    target.Append(Table(table));
                    break;
                case QuoteBlock quote:
                    foreach (var inner in quote)
                    {
                        Block(inner, listLevel, listInstance, into);
                    }

                    break;
                case ThematicBreakBlock:
                    target.Append(new Paragraph(new ParagraphProperties(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6 }))));
                    break;
                case LeafBlock leaf when leaf.Lines.Count > 0:
                    // Code blocks: their lines as they are, in a fixed-width font.
                    foreach (var line in leaf.Lines.Lines.Take(leaf.Lines.Count))
                    {
                        target.Append(new Paragraph(new Run(new RunProperties(new RunFonts { Ascii = "Consolas", HighAnsi = "Consolas" }), Text(line.ToString()))));
                    }

                    break;
                case ContainerBlock container:
                    foreach (var inner in container)
                    {
                        Block(inner, listLevel, listInstance, into);
                    }

                    break;
            }
        }

        private int NewOrderedInstance()
        {
            var id = nextInstance++;
            numbering.Append(new NumberingInstance(
                new AbstractNumId { Val = OrderedList },
                new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 })
            { NumberID = id });
            return id;
        }

        private Paragraph Paragraph(string? style, ContainerInline? inline, bool bold = false)
        {
            var properties = new ParagraphProperties();
            if (style is not null)
            {
                properties.Append(new ParagraphStyleId { Val = style });
            }

            var paragraph = new Paragraph(properties);
            if (inline is not null)
            {
                Inlines(paragraph, inline, new Format(bold, false, false, false));
            }

            return paragraph;
        }

        private sealed record Format(bool Bold, bool Italic, bool Strike, bool Code);

        private void Inlines(OpenXmlCompositeElement into, ContainerInline container, Format format)
        {
            foreach (var inline in container)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        into.Append(Run(literal.Content.ToString(), format));
                        break;
                    case HtmlEntityInline entity:
                        into.Append(Run(entity.Transcoded.ToString(), format));
                        break;
                    case CodeInline code:
                        into.Append(Run(code.Content, format with { Code = true }));
                        break;
                    case LineBreakInline:
                        into.Append(new Run(new Break()));
                        break;
                    case EmphasisInline emphasis:
                        var inner = emphasis.DelimiterChar == '~' ? format with { Strike = true }
                            : emphasis.DelimiterCount >= 2 ? format with { Bold = true }
                            : format with { Italic = true };
                        Inlines(into, emphasis, inner);
                        break;
                    case AutolinkInline autolink:
                        Link(into, autolink.IsEmail ? $"mailto:{autolink.Url}" : autolink.Url, format, text: autolink.Url);
                        break;
                    case LinkInline link when !link.IsImage:
                        Link(into, link.Url ?? "", format, children: link);
                        break;
                    case LinkInline image:
                        // No pictures in minutes: the description stays as text.
                        Inlines(into, image, format);
                        break;
                    case ContainerInline nested:
                        Inlines(into, nested, format);
                        break;
                }
            }
        }

        private void Link(OpenXmlCompositeElement into, string url, Format format, ContainerInline? children = null, string? text = null)
        {
            var safe = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
            OpenXmlCompositeElement target = into;
            if (safe)
            {
                var relationship = main.AddHyperlinkRelationship(uri!, isExternal: true);
                var hyperlink = new Hyperlink { Id = relationship.Id };
                into.Append(hyperlink);
                target = hyperlink;
            }

            if (children is not null)
            {
                Inlines(target, children, format);
            }
            else
            {
                target.Append(Run(text ?? url, format));
            }

            if (safe)
            {
                foreach (var run in target.Elements<Run>())
                {
                    run.RunProperties ??= new RunProperties();
                    run.RunProperties.PrependChild(new RunStyle { Val = "Hyperlink" });
                }
            }
        }

        private static Run Run(string text, Format format)
        {
            var properties = new RunProperties();
            if (format.Code)
            {
                properties.Append(new RunFonts { Ascii = "Consolas", HighAnsi = "Consolas" });
            }

            if (format.Bold)
            {
                properties.Append(new Bold());
            }

            if (format.Italic)
            {
                properties.Append(new Italic());
            }

            if (format.Strike)
            {
                properties.Append(new Strike());
            }

            return properties.HasChildren ? new Run(properties, Text(text)) : new Run(Text(text));
        }

        private static Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };

        private WordTable Table(MarkdownTable table)
        {
            var columns = table.OfType<Markdig.Extensions.Tables.TableRow>().Select(r => r.Count).DefaultIfEmpty(1).Max();
            var word = new WordTable(
                new TableProperties(new TableStyle { Val = "TableGrid" }, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }),
                new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (9638 / columns).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
            foreach (var row in table.OfType<Markdig.Extensions.Tables.TableRow>())
            {
                var wordRow = new DocumentFormat.OpenXml.Wordprocessing.TableRow();
                if (row.IsHeader)
                {
                    wordRow.Append(new TableRowProperties(new TableHeader()));
                }

                foreach (var cell in row.OfType<Markdig.Extensions.Tables.TableCell>())
                {
                    var wordCell = new DocumentFormat.OpenXml.Wordprocessing.TableCell();
                    foreach (var paragraph in cell.OfType<ParagraphBlock>())
                    {
                        wordCell.Append(Paragraph(null, paragraph.Inline, bold: row.IsHeader));
                    }

                    if (!wordCell.Elements<Paragraph>().Any())
                    {
                        wordCell.Append(new Paragraph()); // Word wants a paragraph in every cell.
                    }

                    wordRow.Append(wordCell);
                }

                word.Append(wordRow);
            }

            return word;
        }
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri" },
                    new FontSize { Val = "22" },
                    new Languages { Val = "nl-NL" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading(1, 32),
            Heading(2, 28),
            Heading(3, 24),
            Heading(4, 22),
            new Style(
                new StyleName { Val = "List Paragraph" },
                new BasedOn { Val = "Normal" },
                new StyleParagraphProperties(new Indentation { Left = "720" }))
            { Type = StyleValues.Paragraph, StyleId = "ListParagraph" },
            new Style(
                new StyleName { Val = "Hyperlink" },
                new StyleRunProperties(new Color { Val = "154273" }, new Underline { Val = UnderlineValues.Single }))
            { Type = StyleValues.Character, StyleId = "Hyperlink" },
            new Style(
                new StyleName { Val = "Table Grid" },
                new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });
    }

    private static Style Heading(int level, int halfPoints) => new(
        new StyleName { Val = $"heading {level}" },
        new BasedOn { Val = "Normal" },
        new NextParagraphStyle { Val = "Normal" },
        new PrimaryStyle(),
        new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level - 1 }),
        new StyleRunProperties(new Bold(), new Color { Val = "154273" }, new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
    { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" };

    private static Numbering AddNumbering(MainDocumentPart main)
    {
        var part = main.AddNewPart<NumberingDefinitionsPart>();
        AbstractNum Abstract(int id, NumberFormatValues format, Func<int, string> text) => new(
            Enumerable.Range(0, 3).Select(level => new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = format },
                new LevelText { Val = text(level) },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = (720 * (level + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = "360" }))
            { LevelIndex = level }))
        { AbstractNumberId = id };

        part.Numbering = new Numbering(
            Abstract(BulletList, NumberFormatValues.Bullet, level => level == 1 ? "–" : "•"),
            Abstract(OrderedList, NumberFormatValues.Decimal, level => $"%{level + 1}."),
            new NumberingInstance(new AbstractNumId { Val = BulletList }) { NumberID = BulletList },
            new NumberingInstance(new AbstractNumId { Val = OrderedList }) { NumberID = OrderedList });
        return part.Numbering;
    }
}
