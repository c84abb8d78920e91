using System.Security.Cryptography;
using System.Text;

namespace Mast3r.Report;

/// <summary>
/// The page around the sections: inline CSS, a Content-Security-Policy that forbids every network load, and one
/// inline script (allowed by its hash only) that records script errors and CSP violations into
/// <c>data-report-errors</c> on &lt;html&gt; so a headless browser test can assert the page is clean.
/// </summary>
internal static class PageShell
{
    private const string Script =
        "(function(){var d=document.documentElement,e=[];function put(){d.setAttribute('data-report-errors',e.join(' | '));}" +
        "window.addEventListener('error',function(v){e.push('error: '+(v.message||(v.target&&(v.target.src||v.target.href))||v.type));put();},true);" +
        "document.addEventListener('securitypolicyviolation',function(v){e.push('csp: '+v.violatedDirective+' '+v.blockedURI);put();});" +
        "window.addEventListener('load',function(){d.setAttribute('data-report-loaded','1');put();});})();";

    private const string Css = """
        :root { --pass:#1a7f37; --fail:#cf222e; --skipped:#6e7781; --external:#0969da; font-family: "DejaVu Sans", system-ui, sans-serif; }
        body { margin: 0 auto; max-width: 1180px; padding: 1.5rem; color:#1f2328; background:#fff; font-size: 14px; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; margin-top: 2rem; }
        h3 { margin-top: 1.4rem; } .sub { color:#57606a; margin-top: 0; }
        table { border-collapse: collapse; margin: .6rem 0; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #d0d7de; padding: .25rem .55rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; } td.num { text-align: right; white-space: nowrap; }
        .badge { display:inline-block; padding: .05rem .45rem; border-radius: .8rem; color:#fff; font-size: .8rem; font-weight: 600; }
        .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
        .badge.skipped { background: var(--skipped); } .badge.external { background: var(--external); }
        .banner { padding: .6rem .9rem; border-radius: .4rem; margin: .8rem 0; background:#fff8c5; border:1px solid #d4a72c; }
        .banner.oracle { background:#ddf4ff; border-color:#54aeff; }
        .plots { display:flex; flex-wrap: wrap; gap: 1rem; } .plots svg { max-width: 100%; height: auto; border:1px solid #d0d7de; }
        details { margin: .4rem 0; } summary { cursor: pointer; color:#0969da; }
        .reason { color:#57606a; font-size: .9em; } dl.prov { display:grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dl.prov dt { font-weight: 600; } dl.prov dd { margin: 0; font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
        footer { margin-top: 2rem; color:#57606a; font-size: .85em; }
        """;

    /// <summary>The CSP: nothing may load except inline styles, data: images and the hashed inline script.</summary>
    public static string ContentSecurityPolicy =>
        $"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)))}'; " +
        "base-uri 'none'; form-action 'none'";

    public static string Wrap(string title, string body)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\" data-report-errors=\"\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append($"<title>{Html.E(title)}</title>\n<script>{Script}</script>\n<style>\n{Css}\n</style>\n</head>\n<body>\n");
        sb.Append(body);
        sb.Append("\n</body>\n</html>\n");
        return sb.ToString();
    }
}
