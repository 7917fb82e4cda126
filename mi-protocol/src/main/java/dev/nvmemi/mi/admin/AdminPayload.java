package dev.nvmemi.mi.admin;

/**
 * The typed meaning of a successful admin completion, chosen by the request it answers: a data
 * structure returned as response data (Identify Controller, SMART log, Error log, ID lists, UUID
 * list, the OCP datacenter logs C0h/C3h, the Timestamp feature) or a feature value returned in CQE DW0 (Temperature Threshold, Arbitration…).
 * Records; immutable and thread-safe. See {@link AdminCodec#decodePayload}.
 */
public sealed interface AdminPayload
    permits IdentifyController, IdentifyControllerSummary, NamespaceIdList, ControllerIdList, SmartLog, ErrorLog,
        TemperatureThreshold, Arbitration, PowerManagement, ErrorRecovery, VolatileWriteCache, NumberOfQueues,
        Timestamp, UuidList, OcpSmartExtendedLog, OcpLatencyMonitorLog {
}
