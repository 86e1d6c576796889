// The Chart.js parts the site's charts use (bar charts with category and linear axes, legend and tooltip),
// bundled by scripts/vendor.sh into portal/static/vendor/chart.js/chart.portal.min.js as the global `Chart`.
// A chart of another kind or with another plugin needs its part registered here.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
window.Chart = Chart;
