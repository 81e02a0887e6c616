import { Outlet, useLocation, useNavigation } from "@remix-run/react";
import { BlockStack, Card, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from "@shopify/polaris";

/**
 * The app's outlet, showing a Polaris skeleton of the page being opened while its data loads
 * (a different page, not a revalidation of this one), so the merchant sees the shape at once.
 */
export function DeskOutlet() {
  const navigation = useNavigation();
  const location = useLocation();
  if (navigation.state === "loading" && navigation.location && navigation.location.pathname !== location.pathname) {
    return <PageSkeleton wide={navigation.location.pathname === "/app/requests"} />;
  }
  return <Outlet />;
}

export function PageSkeleton({ wide = false }: { wide?: boolean }) {
  return (
    <SkeletonPage primaryAction fullWidth={wide}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <SkeletonDisplayText size="small" />
              <SkeletonBodyText lines={8} />
            </BlockStack>
          </Card>
        </Layout.Section>
        {wide ? null : (
          <Layout.Section variant="oneThird">
            <Card>
              <SkeletonBodyText lines={5} />
            </Card>
          </Layout.Section>
        )}
      </Layout>
    </SkeletonPage>
  );
}
