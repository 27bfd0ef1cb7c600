// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title Signet agreement registry
/// @notice Public, append-only record of agreements, their status changes, party
/// credentials and audit-log checkpoints. The chain is the source of truth: a verifier
/// reads these events by topic and needs nothing from Signet.
/// @dev Deliberately not upgradeable: a court must be able to rely on the code at this
/// address never changing. Agreements get no per-id storage (it would cost ~20k gas each);
/// per docs/DECISIONS.md the first AgreementRecorded for an id stands and verifiers flag
/// later ones.
contract AgreementRegistry is AccessControl {
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    uint8 public constant STATUS_AMENDED = 1;
    uint8 public constant STATUS_TERMINATED = 2;
    uint8 public constant STATUS_SHREDDED = 3;

    uint8 private constant CREDENTIAL_NONE = 0;
    uint8 private constant CREDENTIAL_ISSUED = 1;
    uint8 private constant CREDENTIAL_REVOKED = 2;

    event AgreementRecorded(bytes32 indexed id, bytes32 indexed batchRoot, bytes32 recordHash);
    event BatchRecorded(bytes32 indexed batchRoot, uint256 count);
    event AgreementStatusChanged(bytes32 indexed id, uint8 indexed status, bytes32 detail);
    event CredentialIssued(
        bytes32 indexed credentialId,
        bytes32 signingKey,
        bytes32 boxKey,
        bytes32 documentHash,
        uint64 notAfter
    );
    event CredentialRevoked(bytes32 indexed credentialId, bytes32 reasonHash);
    event AuditCheckpoint(uint256 indexed sequence, bytes32 head);
    event PolicyActivated(bytes32 indexed jurisdiction, bytes32 indexed packHash);
    /// @notice An agreement's public metadata, for deals a policy pack discloses: the compact
    /// binary of docs/FORMATS.md (Disclosure). Logged in the transaction that records it.
    event AgreementDisclosed(bytes32 indexed id, bytes metadata);

    error EmptyBatch();
    error BatchLengthMismatch(uint256 ids, uint256 recordHashes);
    error ZeroBatchRoot();
    error BatchAlreadyRecorded(bytes32 batchRoot, uint256 blockNumber);
    error InvalidStatus(uint8 status);
    error MissingStatusDetail(uint8 status);
    error CredentialAlreadyIssued(bytes32 credentialId);
    error CredentialNotIssued(bytes32 credentialId);
    error CredentialAlreadyRevoked(bytes32 credentialId);
    error AuditSequenceNotIncreasing(uint256 sequence, uint256 lastSequence);
    error MalformedDisclosures(uint256 offset);

    /// @notice Block in which each batch root was recorded; 0 = never.
    mapping(bytes32 batchRoot => uint256 blockNumber) public batchBlock;

    /// @notice 0 = unknown, 1 = issued, 2 = revoked. Kept on chain (credentials are rare)
    /// so that issue and revoke can each happen only once.
    mapping(bytes32 credentialId => uint8 state) public credentialState;

    /// @notice Sequence of the latest audit checkpoint; meaningful once auditCheckpoints > 0.
    uint256 public lastAuditSequence;
    /// @notice Number of audit checkpoints so far (lets the first one carry sequence 0).
    uint256 public auditCheckpoints;

    /// @param registrar Account allowed to write records (the anchor worker's signer);
    /// the deployer administers roles and can grant it to others later.
    constructor(address registrar) {
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
        if (registrar != address(0)) {
            _grantRole(REGISTRAR_ROLE, registrar);
        }
    }

    /// @notice Records a batch: one AgreementRecorded per agreement, then one BatchRecorded.
    /// @param batchRoot Merkle root over the leaves [id, recordHash] (StandardMerkleTree).
    function recordBatch(
        bytes32 batchRoot,
        bytes32[] calldata ids,
        bytes32[] calldata recordHashes
    ) external onlyRole(REGISTRAR_ROLE) {
        _recordBatch(batchRoot, ids, recordHashes);
    }

    /// @notice Records a batch as recordBatch does, then discloses some of its agreements'
    /// public metadata: one AgreementDisclosed per entry, after BatchRecorded.
    /// @param disclosures Entries back to back, each `uint16 index ‖ uint16 length ‖ bytes`:
    /// the agreement's position in `ids` (strictly increasing) and its disclosure bytes.
    function recordBatchDisclosed(
        bytes32 batchRoot,
        bytes32[] calldata ids,
        bytes32[] calldata recordHashes,
        bytes calldata disclosures
    ) external onlyRole(REGISTRAR_ROLE) {
        _recordBatch(batchRoot, ids, recordHashes);
        uint256 offset = 0;
        uint256 end = disclosures.length;
        uint256 nextIndex = 0;
        while (offset < end) {
            if (end - offset < 4) revert MalformedDisclosures(offset);
            uint256 index = uint16(bytes2(disclosures[offset:offset + 2]));
            uint256 length = uint16(bytes2(disclosures[offset + 2:offset + 4]));
            if (index < nextIndex || index >= ids.length || end - offset - 4 < length) {
                revert MalformedDisclosures(offset);
            }
            emit AgreementDisclosed(ids[index], disclosures[offset + 4:offset + 4 + length]);
            nextIndex = index + 1;
            offset += 4 + length;
        }
    }

    function _recordBatch(
        bytes32 batchRoot,
        bytes32[] calldata ids,
        bytes32[] calldata recordHashes
    ) private {
        uint256 count = ids.length;
        if (count == 0) revert EmptyBatch();
        if (count != recordHashes.length) revert BatchLengthMismatch(count, recordHashes.length);
        if (batchRoot == bytes32(0)) revert ZeroBatchRoot();
        uint256 recordedAt = batchBlock[batchRoot];
        if (recordedAt != 0) revert BatchAlreadyRecorded(batchRoot, recordedAt);
        batchBlock[batchRoot] = block.number;

        bytes32 topic = AgreementRecorded.selector;
        // Emitting from assembly skips the per-element bounds checks and ABI encoding of a
        // Solidity loop: ~110 gas per agreement (measured at batch 100, ~3% of the total).
        // Both lengths were checked above, the calldata arrays are read in place and only the
        // scratch word at 0x00 is written, so the block is memory-safe.
        assembly ("memory-safe") {
            let idAt := ids.offset
            let hashAt := recordHashes.offset
            let end := add(idAt, shl(5, count))
            for {} lt(idAt, end) {} {
                // data = recordHash; topics = [event, id, batchRoot]
                mstore(0x00, calldataload(hashAt))
                log3(0x00, 0x20, topic, calldataload(idAt), batchRoot)
                idAt := add(idAt, 0x20)
                hashAt := add(hashAt, 0x20)
            }
        }
        emit BatchRecorded(batchRoot, count);
    }

    /// @notice Records a lifecycle change. detail: AMENDED = superseding agreement id,
    /// TERMINATED = hash of the signed termination document, SHREDDED = free (may be zero).
    function setStatus(bytes32 id, uint8 status, bytes32 detail) external onlyRole(REGISTRAR_ROLE) {
        if (status < STATUS_AMENDED || status > STATUS_SHREDDED) revert InvalidStatus(status);
        if (status != STATUS_SHREDDED && detail == bytes32(0)) revert MissingStatusDetail(status);
        emit AgreementStatusChanged(id, status, detail);
    }

    /// @notice Publishes a party credential: its Ed25519 signing key, X25519 box key, the
    /// hash of the credential document and its expiry (unix seconds).
    function issueCredential(
        bytes32 credentialId,
        bytes32 signingKey,
        bytes32 boxKey,
        bytes32 documentHash,
        uint64 notAfter
    ) external onlyRole(REGISTRAR_ROLE) {
        if (credentialState[credentialId] != CREDENTIAL_NONE) revert CredentialAlreadyIssued(credentialId);
        credentialState[credentialId] = CREDENTIAL_ISSUED;
        emit CredentialIssued(credentialId, signingKey, boxKey, documentHash, notAfter);
    }

    /// @notice Revokes an issued credential, once.
    function revokeCredential(bytes32 credentialId, bytes32 reasonHash) external onlyRole(REGISTRAR_ROLE) {
        uint8 state = credentialState[credentialId];
        if (state == CREDENTIAL_NONE) revert CredentialNotIssued(credentialId);
        if (state == CREDENTIAL_REVOKED) revert CredentialAlreadyRevoked(credentialId);
        credentialState[credentialId] = CREDENTIAL_REVOKED;
        emit CredentialRevoked(credentialId, reasonHash);
    }

    /// @notice Anchors the head of the hash-chained audit log. Sequences strictly increase,
    /// so the provider cannot replace a checkpoint it has already published.
    function checkpointAudit(uint256 sequence, bytes32 head) external onlyRole(REGISTRAR_ROLE) {
        uint256 count = auditCheckpoints;
        if (count != 0 && sequence <= lastAuditSequence) {
            revert AuditSequenceNotIncreasing(sequence, lastAuditSequence);
        }
        lastAuditSequence = sequence;
        auditCheckpoints = count + 1;
        emit AuditCheckpoint(sequence, head);
    }

    /// @notice Anchors that a jurisdiction's policy pack (by content hash) decides deposits
    /// from this block on. jurisdiction: the code's ASCII, right-padded (e.g. "EU").
    function activatePolicy(bytes32 jurisdiction, bytes32 packHash) external onlyRole(REGISTRAR_ROLE) {
        emit PolicyActivated(jurisdiction, packHash);
    }
}
