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

    /// <summary>One bar per series in each category; <paramref name="format"/> labels the axis and the bars.</summary>
    public static string Bars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, string Color, double[] Values)> series, Func<double, string> format)
    {
        var max = Math.Max(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max(), 1e-12);
        var labelRows = 3;
        var height = Top + PlotHeight + 20 + (labelRows * 14) + 24;
        var svg = Start(id, title, height);
        Axis(svg, max, format);
        var plotWidth = Width - Left - 20;
        var slot = plotWidth / (double)Math.Max(1, categories.Count);
        var bar = Math.Max(2, (slot * 0.8) / Math.Max(1, series.Count));
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = Left + (c * slot) + (slot * 0.1);
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[c];
                var h = PlotHeight * v / max;
                var x = x0 + (s * bar);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{Top + PlotHeight - h:0.#}\" width=\"{bar - 1:0.#}\" height=\"{h:0.#}\" fill=\"{series[s].Color}\"><title>{Esc(categories[c])}: {Esc(series[s].Name)} {Esc(format(v))}</title></rect>");
            }

            var lines = Wrap(categories[c], (int)Math.Max(6, slot / 6.5)).Take(labelRows).ToList();
            for (var l = 0; l < lines.Count; l++)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{x0 + (slot * 0.4):0.#}\" y=\"{Top + PlotHeight + 14 + (l * 13)}\" font-size=\"10\" text-anchor=\"middle\">{Esc(lines[l])}</text>");
            }
        }

        Legend(svg, series.Select(s => (s.Name, s.Color)).ToList(), height - 10);
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

    private static void Legend(StringBuilder svg, List<(string Name, string Color)> items, int y)
    {
        var x = Left;
        foreach (var (name, color) in items)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{x + 14}\" y=\"{y}\" font-size=\"11\">{Esc(name)}</text>");
            x += 24 + (name.Length * 7);
        }
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
