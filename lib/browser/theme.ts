export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_STORAGE_KEY = "kontext-theme";

/**
 * Runs in <head> before first paint so a dark-mode reader never sees a white
 * flash; kept as a string because it must execute before React loads.
 */
export const themeInitScript = `(function(){try{
var k=${JSON.stringify(THEME_STORAGE_KEY)},d=document.documentElement,m=window.matchMedia("(prefers-color-scheme: dark)");
function apply(){var t=localStorage.getItem(k);var dark=t==="dark"||(t!=="light"&&m.matches);d.classList.toggle("dark",dark);d.style.colorScheme=dark?"dark":"light";}
apply();m.addEventListener("change",apply);window.addEventListener("storage",function(e){if(e.key===k)apply();});
window.__applyTheme=apply;
}catch(e){}})();`;

export function readTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return THEMES.find((theme) => theme === stored) ?? "system";
  } catch {
    return "system";
  }
}

export function writeTheme(theme: Theme) {
  try {
    if (theme === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  (window as Window & { __applyTheme?: () => void }).__applyTheme?.();
}
