package dev.gitops.api.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.ResourceId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class InventoryAndOrderTest {

    private static final ResourceId CRD = ResourceId.of("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
            "widgets.example.com");
    private static final ResourceId NS = ResourceId.of("v1", "Namespace", "", "apps");
    private static final ResourceId SA = ResourceId.of("v1", "ServiceAccount", "apps", "web");
    private static final ResourceId CM = ResourceId.of("v1", "ConfigMap", "apps", "web");
    private static final ResourceId SVC = ResourceId.of("v1", "Service", "apps", "web");
    private static final ResourceId DEP = ResourceId.of("apps/v1", "Deployment", "apps", "web");
    private static final ResourceId WIDGET = ResourceId.of("example.com/v1", "Widget", "apps", "w");
    private static final ResourceId HOOK = ResourceId.of("admissionregistration.k8s.io/v1",
            "ValidatingWebhookConfiguration", "", "v");
    private static final List<ResourceId> ORDERED = List.of(CRD, NS, SA, CM, SVC, DEP, WIDGET, HOOK);

    @Property
    void applyOrderDoesNotDependOnInputOrder(@ForAll long seed) {
        List<ResourceId> shuffled = new ArrayList<>(ORDERED);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        shuffled.sort(ApplyOrder.ids());
        assertEquals(ORDERED, shuffled);
        List<ResourceId> reversed = new ArrayList<>(ORDERED);
        Collections.reverse(reversed);
        assertEquals(reversed, ApplyOrder.deletionOrder(shuffled));
    }

    @Test
    void firstStageIsCrdsAndNamespaces() {
        assertTrue(ApplyOrder.isFirstStage(CRD));
        assertTrue(ApplyOrder.isFirstStage(NS));
        assertEquals(false, ApplyOrder.isFirstStage(CM));
    }

    @Test
    void inventoryRoundTripsThroughFluxEntries() {
        Inventory inv = Inventory.of(List.of(DEP, CM, DEP.withName("web").withNamespace("apps")));
        assertEquals(2, inv.ids().size());
        assertEquals(List.of(new Inventory.FluxEntry("apps_web__ConfigMap", "v1"),
                new Inventory.FluxEntry("apps_web_apps_Deployment", "v1")), inv.fluxEntries());
        assertEquals(inv, Inventory.fromFlux(inv.fluxEntries()));
        assertThrows(InvalidInputException.class,
                () -> Inventory.fromFlux(List.of(new Inventory.FluxEntry("bad", "v1"))));
    }

    @Test
    void staleEntriesIgnoreTheApiVersion() {
        Inventory before = Inventory.of(List.of(DEP, CM, SVC));
        Inventory after = Inventory.of(List.of(ResourceId.of("apps/v1beta2", "Deployment", "apps", "web"), CM));
        assertEquals(List.of(SVC), before.staleIn(after));
    }

    @Test
    void changeSetPrintsLikeFlux() {
        ChangeSet cs = new ChangeSet(List.of(Change.of(DEP, Action.CREATED),
                new Change(CM, Action.SKIPPED, "prune disabled")));
        assertEquals("Deployment/apps/web created\nConfigMap/apps/web skipped (prune disabled)", cs.toString());
        assertEquals(List.of(DEP), Inventory.of(cs).ids());
    }
}
