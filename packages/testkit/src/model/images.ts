import type { MockImage } from "../catalogue";
import { filtersOf, InvokeError, passesFilters, type InvokeQuery } from "./invoke-query";

/** DescribeImages filter names the testkit models, and the image field each reads. */
const IMAGE_FILTERS: Readonly<Record<string, (image: MockImage) => string | undefined>> = {
  "image-id": (i) => i.imageId,
  name: (i) => i.name,
  description: (i) => i.description,
  "owner-id": (i) => i.ownerId,
  "owner-alias": (i) => i.ownerAlias,
  architecture: (i) => i.architecture,
  "root-device-name": (i) => i.rootDeviceName,
  "root-device-type": (i) => i.rootDeviceType ?? "ebs",
  "virtualization-type": (i) => i.virtualizationType ?? "hvm",
  state: (i) => i.state ?? "available",
  "is-public": (i) => String(i.public ?? false),
  "image-type": () => "machine",
};

/**
 * The one image `aws.ec2.getAmi` returns, following terraform-provider-aws
 * `internal/service/ec2/ec2_ami_data_source.go`: DescribeImages in the call's region with the filters (values
 * are EC2 wildcards, taken literally otherwise: a `resolve:ssm:` alias matches no image id) and owners
 * (account ids, `self`, or an alias such as `amazon`), then `nameRegex`; no result, or several without
 * `mostRecent`, fails with the provider's message; `mostRecent` without an owner or an image-id/owner-id
 * filter is refused ("Most Recent Image Not Filtered") unless `allowUnsafeFilter`.
 */
export function describeImages(query: InvokeQuery): MockImage {
  const { token, inputs, region, account, catalogue } = query;
  const filters = filtersOf(inputs);
  const owners = (inputs["owners"] as string[] | undefined) ?? [];
  const mostRecent = inputs["mostRecent"] === true;
  const filteredByOwnerOrId = filters.some((f) => f.name === "image-id" || f.name === "owner-id");
  if (mostRecent && owners.length === 0 && !filteredByOwnerOrId && inputs["allowUnsafeFilter"] !== true) {
    throw new InvokeError(
      token,
      'Most Recent Image Not Filtered: "most_recent" is set to "true" and results are not filtered by owner or image ID. ' +
        "With this configuration, a third party may introduce a new image which will be returned by this data source. " +
        "Filter by owner or image ID to avoid this possibility.",
    );
  }
  for (const unmodelled of ["executableUsers", "includeDeprecated"] as const) {
    if (inputs[unmodelled] !== undefined && inputs[unmodelled] !== false) {
      throw new Error(`testkit: ${token} argument "${unmodelled}" is not modelled`);
    }
  }
  const ownedBy = (image: MockImage, owner: string) =>
    owner === "self"
      ? image.ownerId === account.accountId
      : image.ownerId === owner || image.ownerAlias === owner;
  const nameRegex = typeof inputs["nameRegex"] === "string" ? new RegExp(inputs["nameRegex"]) : undefined;
  const matches = catalogue.images.filter(
    (image) =>
      image.region === region &&
      (owners.length === 0 || owners.some((owner) => ownedBy(image, owner))) &&
      passesFilters(token, image, filters, IMAGE_FILTERS) &&
      (nameRegex === undefined || (image.name !== "" && nameRegex.test(image.name))),
  );
  if (matches.length === 0) {
    throw new InvokeError(
      token,
      "Your query returned no results. Please change your search criteria and try again.",
    );
  }
  if (matches.length > 1 && !mostRecent) {
    throw new InvokeError(
      token,
      "Your query returned more than one result. Please try a more specific search criteria, or set `most_recent` attribute to true.",
    );
  }
  return matches.reduce((newest, image) => (image.creationDate > newest.creationDate ? image : newest));
}
