/*
 * DynamoDB Local on the loopback interface only. Its own entry point takes no bind address and
 * listens on every interface, so anyone on the network could read and write the whole table; this
 * entry point builds the same server from the same arguments and binds its one connector to
 * 127.0.0.1 before starting it. It leaves out the original entry point's one other step, setting
 * up the telemetry it sends to AWS. Run by `java` in source-file mode with DynamoDBLocal.jar on the
 * class path (infra/local/dynamodb-local.ts).
 */
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class DynamoDbLocalOnLoopback {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    // The Jetty server is private and has no setter: the connector must get its host before it opens.
    Field jettyField = DynamoDBProxyServer.class.getDeclaredField("server");
    jettyField.setAccessible(true);
    Server jetty = (Server) jettyField.get(proxy);
    Connector[] connectors = jetty.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost("127.0.0.1");
    proxy.start();
  }
}
