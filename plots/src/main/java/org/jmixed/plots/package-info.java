/** Pictures of a fitted model and the self-contained HTML report that shows them. */
package org.jmixed.plots;
