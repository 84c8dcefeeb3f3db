package esdocs.realengines;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.license.LicenseService;
import org.elasticsearch.license.XPackLicenseState;
import org.elasticsearch.xpack.core.XPackPlugin;
import org.elasticsearch.xpack.core.ssl.SSLService;

/**
 * X-Pack core for several nodes in one JVM. XPackPlugin keeps its SSL service, licence service, licence
 * state and clock in static set-once fields, so a second node in the same JVM fails with
 * `AlreadySetException: The object cannot be set twice!`. Like the test framework's
 * LocalStateCompositeXPackPlugin (not published), this keeps them per node; the first node's also fill the
 * static fields, which plugins such as ES|QL read through XPackPlugin.getSharedLicenseState().
 */
public final class PerNodeXPackPlugin extends XPackPlugin {
    private static final AtomicBoolean SHARED_SSL = new AtomicBoolean();
    private static final AtomicBoolean SHARED_LICENSE_SERVICE = new AtomicBoolean();
    private static final AtomicBoolean SHARED_LICENSE_STATE = new AtomicBoolean();
    private static final AtomicBoolean SHARED_EPOCH_MILLIS = new AtomicBoolean();

    // No initialisers: XPackPlugin's constructor calls the setters before this class's fields would be initialised.
    private SSLService sslService;
    private LicenseService licenseService;
    private XPackLicenseState licenseState;
    private LongSupplier epochMillisSupplier;

    public PerNodeXPackPlugin(Settings settings) {
        super(settings);
    }

    @Override
    protected SSLService getSslService() { return sslService; }

    @Override
    protected LicenseService getLicenseService() { return licenseService; }

    @Override
    protected XPackLicenseState getLicenseState() { return licenseState; }

    @Override
    protected LongSupplier getEpochMillisSupplier() { return epochMillisSupplier; }

    @Override
    protected void setSslService(SSLService sslService) {
        this.sslService = sslService;
        if (SHARED_SSL.compareAndSet(false, true)) super.setSslService(sslService);
    }

    @Override
    protected void setLicenseService(LicenseService licenseService) {
        this.licenseService = licenseService;
        if (SHARED_LICENSE_SERVICE.compareAndSet(false, true)) super.setLicenseService(licenseService);
    }

    @Override
    protected void setLicenseState(XPackLicenseState licenseState) {
        this.licenseState = licenseState;
        if (SHARED_LICENSE_STATE.compareAndSet(false, true)) super.setLicenseState(licenseState);
    }

    @Override
    protected void setEpochMillisSupplier(LongSupplier epochMillisSupplier) {
        this.epochMillisSupplier = epochMillisSupplier;
        if (SHARED_EPOCH_MILLIS.compareAndSet(false, true)) super.setEpochMillisSupplier(epochMillisSupplier);
    }
}
