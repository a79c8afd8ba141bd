using System.Globalization;
using System.Net;
using System.Text;

namespace HotplugCluster.Cli.Fleet;

/// <summary>Self-contained SVG charts (no script, no external resources): grouped bars per category and histograms.</summary>
internal static class SvgChart
{
    private const int Width = 760;
    private const int Top = 36;
    private const int Left = 70;
    private const int PlotHeight = 220;

    // A category name's line: at most this many characters, this far apart; the width of a character of an 11 px
    // sans-serif label is at most this on the fonts Chromium uses (DejaVu Sans, Liberation Sans), so the margin holds it.
    private const int LabelChars = 40;
    private const int LabelLineHeight = 14;
    private const double LabelCharWidth = 6.6;

    /// <summary>
    /// Horizontal bars: one row per category, named on the left (a long name wraps at its ", " onto two lines, and only
    /// past those is it shortened, whole in its tooltip), one bar per series in each row, the value axis below. The
    /// margin grows with the longest name and the chart with the rows, so 2 or 50 categories stay legible.
    /// </summary>
    public static string Bars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, string Color, double[] Values)> series, Func<double, string> format)
    {
        var max = Math.Max(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max(), 1e-12);
        var names = categories.Select(c => NameLines(c)).ToList();
        var lines = names.Select(n => n.Count).DefaultIfEmpty(1).Max();
        var left = Math.Max(Left, 14 + (int)Math.Ceiling(names.SelectMany(n => n).Select(l => l.Length).DefaultIfEmpty(0).Max() * LabelCharWidth));
        var row = Math.Max((series.Count * 9) + 8, (lines * LabelLineHeight) + 8);
        var top = Top + 20;
        var plotHeight = row * Math.Max(1, categories.Count);
        var plotWidth = Width - left - 40;
        var height = top + plotHeight + 30;
        var svg = Start(id, title, height);
        Legend(svg, [.. series.Select(s => (s.Name, s.Color))], Top + 8, left);
        ValueAxis(svg, max, format, left, top, plotWidth, plotHeight);
        var bar = (row - 8.0) / Math.Max(1, series.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            var y0 = top + (c * row);
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[c];
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" x=\"{left}\" y=\"{y0 + 4 + (s * bar):0.#}\" width=\"{plotWidth * v / max:0.#}\" height=\"{bar - 1:0.#}\" fill=\"{series[s].Color}\"><title>{Esc(categories[c])}: {Esc(series[s].Name)} {Esc(format(v))}</title></rect>");
            }

            // The name's lines centred on the row; 4 px below the centre puts an 11 px line's middle on it.
            var first = y0 + (row / 2.0) + 4 - ((names[c].Count - 1) * LabelLineHeight / 2.0);
            for (var l = 0; l < names[c].Count; l++)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"label\" x=\"{left - 8}\" y=\"{first + (l * LabelLineHeight):0.#}\" font-size=\"11\" text-anchor=\"end\">{Esc(names[c][l])}<title>{Esc(categories[c])}</title></text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A histogram of <paramref name="values"/> in <paramref name="bins"/> equal bins between their minimum and maximum.</summary>
    public static string Histogram(string id, string title, IReadOnlyList<double> values, int bins, string color, Func<double, string> format)
    {
        var lo = values.Count == 0 ? 0 : values.Min();
        var hi = values.Count == 0 ? 1 : values.Max();
        if (hi - lo < 1e-9)
        {
            hi = lo + 1;
        }

        var counts = new int[bins];
        foreach (var v in values)
        {
            counts[Math.Min(bins - 1, (int)((v - lo) / (hi - lo) * bins))]++;
        }

        var height = Top + PlotHeight + 40;
        var svg = Start(id, title, height);
        Axis(svg, Math.Max(1, counts.Max()), n => n.ToString("0", CultureInfo.InvariantCulture));
        var plotWidth = Width - Left - 20;
        var w = plotWidth / (double)bins;
        var max = Math.Max(1, counts.Max());
        for (var b = 0; b < bins; b++)
        {
            var h = PlotHeight * counts[b] / (double)max;
            var from = lo + ((hi - lo) * b / bins);
            var to = lo + ((hi - lo) * (b + 1) / bins);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" x=\"{Left + (b * w):0.#}\" y=\"{Top + PlotHeight - h:0.#}\" width=\"{w - 1:0.#}\" height=\"{h:0.#}\" fill=\"{color}\"><title>{Esc(format(from))} to {Esc(format(to))}: {counts[b]} hosts</title></rect>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Top + PlotHeight + 16}\" font-size=\"10\">{Esc(format(lo))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 20}\" y=\"{Top + PlotHeight + 16}\" font-size=\"10\" text-anchor=\"end\">{Esc(format(hi))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Top + PlotHeight + 32}\" font-size=\"10\" text-anchor=\"middle\">hosts per bin ({values.Count} hosts)</text>");
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Start(string id, string title, int height) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{Esc(id)}\" class=\"chart\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{Esc(title)}\">")
        .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"20\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\">{Esc(title)}</text>");

    private static void Axis(StringBuilder svg, double max, Func<double, string> format)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + PlotHeight}\" stroke=\"#444\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + PlotHeight}\" x2=\"{Width - 20}\" y2=\"{Top + PlotHeight}\" stroke=\"#444\"/>");
        for (var t = 0; t <= 4; t++)
        {
            var y = Top + PlotHeight - (PlotHeight * t / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left - 4}\" y1=\"{y:0.#}\" x2=\"{Width - 20}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{Esc(format(max * t / 4))}</text>");
        }
    }

    /// <summary>The value axis of horizontal bars: five ticks along the bottom with their grid lines.</summary>
    private static void ValueAxis(StringBuilder svg, double max, Func<double, string> format, int left, int top, int plotWidth, int plotHeight)
    {
        var bottom = top + plotHeight;
        for (var t = 0; t <= 4; t++)
        {
            var x = left + (plotWidth * t / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{top}\" x2=\"{x:0.#}\" y2=\"{bottom + 4}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x:0.#}\" y=\"{bottom + 17}\" font-size=\"10\" text-anchor=\"middle\">{Esc(format(max * t / 4))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\" stroke=\"#444\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{left + plotWidth}\" y2=\"{bottom}\" stroke=\"#444\"/>");
    }

    private static void Legend(StringBuilder svg, List<(string Name, string Color)> items, int y, int x)
    {
        foreach (var (name, color) in items)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text class=\"legend\" x=\"{x + 14}\" y=\"{y}\" font-size=\"11\">{Esc(name)}</text>");
            x += 28 + (int)Math.Ceiling(name.Length * LabelCharWidth);
        }
    }

    /// <summary>A category name as at most two lines of <see cref="LabelChars"/>, broken after its ", "; what is left over is cut with an ellipsis.</summary>
    private static List<string> NameLines(string name)
    {
        var lines = new List<string> { string.Empty };
        foreach (var part in name.Split(", "))
        {
            var joined = lines[^1].Length == 0 ? part : lines[^1] + ", " + part;
            if (joined.Length <= LabelChars || lines[^1].Length == 0)
            {
                lines[^1] = joined;
            }
            else
            {
                lines.Add(part);
            }
        }

        if (lines.Count > 2)
        {
            lines = [lines[0], string.Join(", ", lines.Skip(1))];
        }

        return [.. lines.Select(l => l.Length <= LabelChars ? l : l[..(LabelChars - 1)] + "\u2026")];
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
