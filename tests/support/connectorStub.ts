/** Tests call the ask CLI's loopback connector a stub: it is the same code. */
export { ConnectorServer as ConnectorStub, type ConnectorCall } from '../../src/cli/connectorServer';
