package dev.nvmemi.mi.command;

/**
 * The change selectors of a Controller Health Status Poll (NMD1 bits 4:0, spec sheet §4.2): report
 * controllers whose corresponding changed flag is set.
 */
public enum HealthChangeSelector {
  CSTS, CTEMP, PDLU, SPARE, CWARN
}
