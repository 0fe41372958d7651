using System.Globalization;
using Microsoft.Playwright;

namespace Receipts.Dashboard.Tests;

/// <summary>What the tests do with a page: log in, read a table, save a screenshot.</summary>
internal static class Browser
{
    public static async Task LoginAsync(IPage page, Uri server, string token, string path = "/")
    {
        await page.GotoAsync(new Uri(server, path).ToString());
        await page.FillAsync("#token", token);
        await page.ClickAsync("#login");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>The rows of the table <paramref name="id"/> as text, headings first (group rows left out).</summary>
    public static async Task<List<string[]>> TableAsync(IPage page, string id) =>
        [.. await page.EvaluateAsync<string[][]>(
            """
            id => {
              const t = document.querySelector(`table[data-table="${id}"]`);
              if (!t) return [];
              const head = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
              const rows = [...t.querySelectorAll('tbody tr:not(.group)')].map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent.trim()));
              return [head, ...rows];
            }
            """,
            id)];

    /// <summary>The value of a fact (<c>dt</c>/<c>dd</c>) on the page.</summary>
    public static async Task<string> FactAsync(IPage page, string label) =>
        await page.EvaluateAsync<string>(
            "label => [...document.querySelectorAll('.facts div')].find(d => d.querySelector('dt').textContent.trim() === label)?.querySelector('dd').textContent.trim() ?? ''",
            label);

    public static decimal Money(string text) => decimal.Parse(text.Replace("$", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("$#,##0.00", CultureInfo.InvariantCulture);
}
