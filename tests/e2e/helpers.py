"""Helpers for the browser tests: logging in, axe-core, screenshots."""

import re
from pathlib import Path

from .conftest import SCREENSHOT_DIR

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct-horse-battery-staple"  # tests/factories.py UserFactory


def login(page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Log in through the login form (after logging out whoever was logged in)."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/inloggen/" not in page.url, f"inloggen als {email} mislukt: {page.url}"


def axe_violations(page) -> list[dict]:
    """Run axe-core on the current page with the WCAG 2.1 A and AA rules."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # The CSP (script-src 'self') refuses an inline copy (add_script_tag(path=...)), so
        # axe is loaded from the vendored file the live server serves as a static file.
        origin = page.evaluate("location.origin")
        page.add_script_tag(url=f"{origin}/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                   resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          summary: n.failureSummary}))
            }));
        }""",
        AXE_TAGS,
    )


def format_violations(violations: list[dict], where: str) -> str:
    lines = [f"axe: {len(violations)} WCAG 2.1 A/AA-overtreding(en) op {where}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:10]:
            summary = (node["summary"] or "").replace("\n", " ")
            lines.append(f"    {node['target']}  → {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page, where: str | None = None) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where or page.url)


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / (re.sub(r"[^a-z0-9_-]+", "-", name.lower()) + ".png")
    page.screenshot(path=str(path), full_page=full_page)
    return path


def overflowing_elements(page, width: int) -> list[str]:
    """Innermost elements that stick out to the right of `width` pixels (for failure messages)."""
    return page.evaluate(
        """(width) => {
            const out = [];
            const clipped = (el) => {
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX))
                        return true;
                }
                return false;
            };
            for (const el of document.body.querySelectorAll('*')) {
                if (clipped(el)) continue;
                const r = el.getBoundingClientRect();
                const textOverflow = el.scrollWidth > el.clientWidth + 1 &&
                    getComputedStyle(el).overflowX === 'visible' && r.right > 0;
                if ((r.right > width + 1 && r.width > 0 &&
                     ![...el.children].some(c => c.getBoundingClientRect().right > width + 1))
                    || (textOverflow && el.children.length === 0)) {
                    const cls = el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                    out.push(`${el.tagName.toLowerCase()}${cls} right=${Math.round(r.right)}`);
                }
            }
            return out.slice(0, 15);
        }""",
        width,
    )


def heading_problems(page) -> list[str]:
    """One h1, and no level skipped on the way down (h2 -> h4). Hidden headings count too."""
    return page.evaluate(
        """() => {
            const problems = [];
            const hs = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')];
            const h1s = hs.filter(h => h.tagName === 'H1');
            if (h1s.length !== 1) problems.push(`${h1s.length} h1-koppen in main`);
            let previous = 1;
            for (const h of hs) {
                const level = Number(h.tagName[1]);
                if (level > previous + 1)
                    problems.push(`h${previous} -> h${level}: "${h.textContent.trim().slice(0, 60)}"`);
                previous = level;
            }
            return problems;
        }"""
    )
